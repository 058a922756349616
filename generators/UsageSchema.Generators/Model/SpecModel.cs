using UsageSchema.Constraints;

namespace UsageSchema.Generators.Model;

/// <summary>One spec file as the build hands it in: its path, the namespace NSwag put its types in, and its text.</summary>
internal sealed record SpecFile(string Path, string Namespace, string Text);

/// <summary>What the generator reads from one spec: its object schemas and the problems it found.</summary>
internal sealed record SpecModel(string Path, string Namespace, EquatableArray<SchemaModel> Schemas, EquatableArray<SpecProblem> Problems);

/// <summary>
/// One object schema of <c>components/schemas</c>, with <c>allOf</c> parts and <c>$ref</c>s resolved,
/// the API whose shared record interface it implements (<c>x-usage-record</c>, or null), the member
/// of the spec's <c>UsageType</c> enum its messages carry (<c>x-usage-type</c>, or null), where
/// it stands in the spec (for diagnostics), and the API whose shared message interface it implements
/// (<c>x-usage-message</c>, or null).
/// </summary>
internal sealed record SchemaModel(
    string Name,
    EquatableArray<SchemaMember> Members,
    EquatableArray<string> UpsertKey,
    EquatableArray<CrossFieldRule> Rules,
    string? UsageRecord,
    string? UsageType,
    int Line,
    int Column,
    string? UsageMessage = null);

/// <summary>One member of a schema, by its wire name, and the constraints the spec places on it.</summary>
internal sealed record SchemaMember(string WireName, MemberConstraints Constraints);

/// <summary>A cross-field rule of <c>x-rules</c>, e.g. <c>StartTime &lt;= EndTime</c>, on wire names.</summary>
internal sealed record CrossFieldRule(string Text, string Left, string Operator, string Right);

/// <summary>A fact of the spec the generator cannot honour; reported by <c>SpecProblemAnalyzer</c>.</summary>
internal sealed record SpecProblem(string DiagnosticId, string Message, int Line, int Column);
