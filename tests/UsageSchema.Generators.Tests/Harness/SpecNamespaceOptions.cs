using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace UsageSchema.Generators.Tests.Harness;

/// <summary>What the build's CompilerVisibleItemMetadata hands the compiler: each spec's namespace.</summary>
internal sealed class SpecNamespaceOptions(IReadOnlyDictionary<string, string> namespaceByPath) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        namespaceByPath.TryGetValue(textFile.Path, out var ns)
            ? new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.UsageSchemaNamespace"] = ns })
            : Options.Empty;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Options Empty { get; } = new([]);

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
