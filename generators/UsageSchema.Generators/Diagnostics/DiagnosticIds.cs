namespace UsageSchema.Generators.Diagnostics;

/// <summary>The stable IDs of the spec diagnostics; each has a help page in docs/diagnostics/.</summary>
internal static class DiagnosticIds
{
    public const string UnreadableSpec = "USG0001";
    public const string UnknownUpsertKeyMember = "USG0002";
    public const string UnsupportedRule = "USG0003";
    public const string UnmatchedMember = "USG0004";
}
