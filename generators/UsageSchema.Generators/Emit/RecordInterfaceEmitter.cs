using UsageSchema.Generators.Model;
using UsageSchema.Generators.Pipeline;

namespace UsageSchema.Generators.Emit;

/// <summary>
/// Writes the shared record interface of one API (<c>x-usage-record</c>): an
/// <c>IUsageRecord</c> whose API, wire identity and record types come from the spec, so that no
/// code switches on the record types to learn them. Each record implements its kind (and its
/// <c>x-usage-type</c>) explicitly.
/// </summary>
internal static class RecordInterfaceEmitter
{
    private const string UsageRecord = "global::UsageSchema.IUsageRecord";

    public static string Emit(RecordInterfaceToGenerate type)
    {
        var writer = new CodeWriter();
        writer.FileHeader(type.SpecPath);
        using (writer.Block($"namespace {type.Namespace}"))
        {
            writer.Line($"/// <summary>A usage record of {Path.GetFileName(type.SpecPath)} (<c>x-usage-record: {type.Api}</c>): {string.Join(", ", type.Records.Select(record => $"<see cref=\"{record.Name}\"/>"))}.</summary>");
            using (writer.Block($"public partial interface {type.Name} : {UsageRecord}"))
            {
                foreach (var member in type.Members)
                {
                    writer.Line($"/// <summary>Part of the record's identity to the service (its upsert key): <c>{member.WireName}</c> on the wire.</summary>");
                    writer.Line($"{member.TypeName} {member.Name} {{ get; }}").Line();
                }

                writer.Line("/// <summary>The wire names of the identity members, for code that reads or names them outside the record types.</summary>");
                WireNamesEmitter.EmitClass(writer, "public static class WireNames", type.Members.Select(member => (member.Name, member.WireName, $"<c>{member.Name}</c>")));

                writer.Line();
                var usageTyped = type.Records.Where(record => record.UsageType is not null).ToList();
                if (usageTyped.Count > 0)
                {
                    writer.Line("/// <summary>The <c>UsageType</c> of the messages that carry the record (<c>x-usage-type</c>).</summary>");
                    writer.Line($"{UsageTypeEnum(type.Namespace)} UsageType {{ get; }}").Line();
                }

                writer.Line("/// <summary>The record types of the API, by name.</summary>");
                writer.Line($"static global::System.Collections.Generic.IReadOnlyList<global::System.Type> RecordTypes {{ get; }} = new global::System.Type[] {{ {string.Join(", ", type.Records.Select(record => $"typeof(global::{type.Namespace}.{record.Name})"))} }};").Line();

                if (usageTyped.Count > 0)
                {
                    writer.Line("/// <summary>The record type of <paramref name=\"usageType\"/>, as its messages declare it (<c>x-usage-type</c>).</summary>");
                    writer.Line("/// <param name=\"usageType\">The usage type.</param>");
                    writer.Line($"static global::System.Type RecordTypeOf({UsageTypeEnum(type.Namespace)} usageType) => usageType switch");
                    writer.Line("{");
                    foreach (var record in usageTyped)
                    {
                        writer.Line($"    {UsageTypeEnum(type.Namespace)}.{record.UsageType} => typeof(global::{type.Namespace}.{record.Name}),");
                    }

                    writer.Line("    _ => throw new global::System.ArgumentOutOfRangeException(nameof(usageType), usageType, \"No record of the API has this usage type.\"),");
                    writer.Line("};").Line();
                }

                writer.Line("/// <inheritdoc />");
                writer.Line($"global::UsageSchema.UsageApi {UsageRecord}.Api => global::UsageSchema.UsageApi.{RecordInterfaces.ApiMember(type.Api)};").Line();
                writer.Line("/// <inheritdoc />");
                writer.Line($"global::System.Collections.Generic.IReadOnlyList<string?> {UsageRecord}.WireIdentity => new string?[] {{ {string.Join(", ", type.Members.Select(IdentityText))} }};").Line();
                var required = type.Members.Where(member => member.IsRequired).Select(Present).ToList();
                writer.Line("/// <inheritdoc />");
                writer.Line($"bool {UsageRecord}.HasWireIdentity => {(required.Count == 0 ? "true" : string.Join(" && ", required))};");
            }
        }

        return writer.ToString();
    }

    /// <summary>The record's side: its explicit <c>RecordKind</c> and, with <c>x-usage-type</c>, its <c>UsageType</c>.</summary>
    public static void EmitImplementation(CodeWriter writer, TypeToGenerate type)
    {
        writer.Line("/// <inheritdoc />");
        writer.Line($"string {UsageRecord}.RecordKind => {Literals.String(type.Name)};");
        if (type.UsageType is { } usageType)
        {
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"{UsageTypeEnum(type.Namespace)} global::{type.Namespace}.{type.RecordInterface}.UsageType => {UsageTypeEnum(type.Namespace)}.{usageType};");
        }
    }

    // x-usage-type names a member of the spec's UsageType enum, which NSwag generates in the spec's namespace.
    private static string UsageTypeEnum(string ns) => $"global::{ns}.UsageType";

    private static string IdentityText(InterfaceMember member) =>
        member.IsDateTime ? $"new global::UsageSchema.Validation.DateTimeKey(this.{member.Name}).UtcText"
        : member.TypeName.StartsWith("string", StringComparison.Ordinal) ? $"this.{member.Name}"
        : $"global::System.Convert.ToString(this.{member.Name}, global::System.Globalization.CultureInfo.InvariantCulture)";

    private static string Present(InterfaceMember member) =>
        member.TypeName.StartsWith("string", StringComparison.Ordinal) ? $"!string.IsNullOrEmpty(this.{member.Name})" : $"this.{member.Name} is not null";
}
