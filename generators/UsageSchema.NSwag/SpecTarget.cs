using System.Diagnostics.CodeAnalysis;

namespace UsageSchema.NSwag;

/// <summary>One spec and the C# names its generated code gets.</summary>
internal sealed record SpecTarget(string SpecPath, string Namespace, string ClientName, string ExceptionName)
{
    /// <summary><c>amie-usage.v1.yaml</c> becomes <c>amie-usage.v1.g.cs</c>.</summary>
    public string OutputFileName => Path.GetFileNameWithoutExtension(SpecPath) + ".g.cs";

    public static bool TryParse(string argument, [NotNullWhen(true)] out SpecTarget? target)
    {
        var parts = argument.Split('|');
        target = parts.Length == 4 && !parts.Any(string.IsNullOrWhiteSpace)
            ? new SpecTarget(Path.GetFullPath(parts[0]), parts[1], parts[2], parts[3])
            : null;
        return target is not null;
    }
}
