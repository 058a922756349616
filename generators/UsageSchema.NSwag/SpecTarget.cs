using System.Diagnostics.CodeAnalysis;

namespace UsageSchema.NSwag;

/// <summary>One spec, the namespace of its generated code and the name of its operations class.</summary>
internal sealed record SpecTarget(string SpecPath, string Namespace, string OperationsName)
{
    /// <summary><c>amie-usage.v1.yaml</c> becomes <c>amie-usage.v1.g.cs</c>: the record types.</summary>
    public string OutputFileName => Path.GetFileNameWithoutExtension(SpecPath) + ".g.cs";

    /// <summary><c>amie-usage.v1.yaml</c> becomes <c>amie-usage.v1.operations.g.cs</c>: the wire of its operations.</summary>
    public string OperationsFileName => Path.GetFileNameWithoutExtension(SpecPath) + ".operations.g.cs";

    public static bool TryParse(string argument, [NotNullWhen(true)] out SpecTarget? target)
    {
        var parts = argument.Split('|');
        target = parts.Length == 3 && !parts.Any(string.IsNullOrWhiteSpace)
            ? new SpecTarget(Path.GetFullPath(parts[0]), parts[1], parts[2])
            : null;
        return target is not null;
    }
}
