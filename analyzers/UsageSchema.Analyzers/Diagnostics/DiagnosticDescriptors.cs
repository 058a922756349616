using Microsoft.CodeAnalysis;

namespace UsageSchema.Analyzers.Diagnostics;

/// <summary>Every diagnostic the analyzers report in a consumer project.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The diagnostic property listing the C# names of the missing members, comma-separated, in spec order.</summary>
    public const string MissingMembersProperty = "MissingMembers";

    private const string Category = "UsageSchema.Usage";
    // Relative to the repository (and the package's docs): the project has no published site yet.
    private const string HelpBase = "docs/diagnostics/";

    /// <summary>{0} type, {1} "field" or "fields", {2} the list: 'LocalProjectID' (LocalProjectId), ...</summary>
    public static readonly DiagnosticDescriptor MissingRequiredField = Create(
        DiagnosticIds.MissingRequiredField,
        "Object of a spec type is missing required fields",
        "{0} is missing required {1} {2}",
        "The spec lists these fields as required: the service rejects a record without them. Set them in the object initializer, or assign them before the object is passed on.");

    /// <summary>{0} type, {1} wire name, {2} member, {3} what it is set to.</summary>
    public static readonly DiagnosticDescriptor RequiredFieldEmpty = Create(
        DiagnosticIds.RequiredFieldEmpty,
        "Required field is set to null, empty or default",
        "{0} field '{1}' ({2}) is required but set to {3}",
        "A required field set to null, to an empty string or to default is as good as missing: Validate() reports it and the service rejects the record.");

    /// <summary>{0} type, {1} wire name, {2} member, {3} the broken rules, in Validate()'s words.</summary>
    public static readonly DiagnosticDescriptor ConstantBreaksSpec = Create(
        DiagnosticIds.ConstantBreaksSpec,
        "Constant value breaks the spec",
        "{0} field '{1}' ({2}) {3}",
        "The constant is checked against the spec's format, pattern, length, range and enum at compile time, with the rules of Validate().");

    private static DiagnosticDescriptor Create(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: description, helpLinkUri: HelpBase + id + ".md");
}
