using Microsoft.CodeAnalysis;

namespace UsageSchema.Generators.Diagnostics;

/// <summary>Every diagnostic about a spec the generator cannot honour.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "UsageSchema.Spec";
    // Relative to the repository (and the package's docs): the project has no published site yet.
    private const string HelpBase = "docs/diagnostics/";

    public static readonly DiagnosticDescriptor UnreadableSpec = Create(
        DiagnosticIds.UnreadableSpec,
        "Spec cannot be read",
        "The spec cannot be read as YAML: {0}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownUpsertKeyMember = Create(
        DiagnosticIds.UnknownUpsertKeyMember,
        "Upsert key names an unknown member",
        "{0}; the schema gets no upsert-key equality",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedRule = Create(
        DiagnosticIds.UnsupportedRule,
        "Cross-field rule cannot be honoured",
        "{0}; the rule is not checked",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnmatchedMember = Create(
        DiagnosticIds.UnmatchedMember,
        "Schema member has no generated C# member",
        "Member '{0}' of schema '{1}' has no C# property with [JsonPropertyName(\"{0}\")] in {2}; it is not validated",
        DiagnosticSeverity.Warning);

    public static DiagnosticDescriptor ForId(string id) => id switch
    {
        DiagnosticIds.UnreadableSpec => UnreadableSpec,
        DiagnosticIds.UnknownUpsertKeyMember => UnknownUpsertKeyMember,
        DiagnosticIds.UnsupportedRule => UnsupportedRule,
        _ => UnmatchedMember,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");
}
