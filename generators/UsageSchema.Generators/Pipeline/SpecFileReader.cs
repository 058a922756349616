using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Pipeline;

/// <summary>
/// Picks the spec files out of the AdditionalFiles: those the build marked with the namespace NSwag
/// generated their types into (<c>build_metadata.AdditionalFiles.UsageSchemaNamespace</c>).
/// </summary>
internal static class SpecFileReader
{
    public const string NamespaceMetadata = "build_metadata.AdditionalFiles.UsageSchemaNamespace";

    public static SpecFile? Read(AdditionalText file, AnalyzerConfigOptions options, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue(NamespaceMetadata, out var ns) || string.IsNullOrWhiteSpace(ns)
            || !(file.Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var text = file.GetText(cancellationToken)?.ToString();
        return text is null ? null : new SpecFile(file.Path, ns.Trim(), text);
    }
}
