namespace UsageSchema.Analyzers.Diagnostics;

/// <summary>The stable IDs of the consumer-project diagnostics; each has a help page in docs/diagnostics/.</summary>
internal static class DiagnosticIds
{
    /// <summary>An object of a spec type is built without one or more required fields.</summary>
    public const string MissingRequiredField = "USG1001";

    /// <summary>A required field is set to null, an empty string or <c>default</c>.</summary>
    public const string RequiredFieldEmpty = "USG1002";

    /// <summary>A constant breaks the spec: format, pattern, length, range or enum.</summary>
    public const string ConstantBreaksSpec = "USG1003";
}
