using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Emit;

/// <summary>
/// Writes the shared message interface of one API (<c>x-usage-message</c>), e.g.
/// <c>IAmieUsageMessage</c>: a message's records as the API's record interface, so that code
/// taking any message of the API reads its records without a switch on the message types. An
/// abstract base message implements it through a member its subclasses override, which keeps its
/// hierarchy closed to the generated messages.
/// </summary>
internal static class MessageInterfaceEmitter
{
    private const string Records = "__UsageRecords";

    public static string Emit(MessageInterfaceToGenerate type)
    {
        var writer = new CodeWriter();
        writer.FileHeader(type.SpecPath);
        using (writer.Block($"namespace {type.Namespace}"))
        {
            writer.Line($"/// <summary>A usage message of {Path.GetFileName(type.SpecPath)} (<c>x-usage-message</c>): {string.Join(", ", type.Messages.Select(message => $"<see cref=\"{message}\"/>"))}.</summary>");
            using (writer.Block($"public partial interface {type.Name}"))
            {
                writer.Line($"/// <summary>The records the message carries, in order; none when it has no record list.</summary>");
                writer.Line($"{RecordsType(type.Namespace, type.RecordInterface)} Records {{ get; }}");
            }
        }

        return writer.ToString();
    }

    /// <summary>The interface on the message's declaration, when the message declares it (not when a generated base does).</summary>
    public static string? DeclaredInterface(TypeToGenerate type) =>
        type.Message is { } message && !type.HasGeneratedBase ? $"global::{type.Namespace}.{message.Interface}" : null;

    public static void EmitImplementation(CodeWriter writer, TypeToGenerate type)
    {
        var message = type.Message!;
        var records = RecordsType(type.Namespace, message.RecordInterface);
        var value = message.RecordsMember is { } member ? $"this.{member} ?? (global::System.Collections.Generic.IEnumerable<global::{type.Namespace}.{message.RecordInterface}?>)global::System.Array.Empty<global::{type.Namespace}.{message.RecordInterface}?>()" : null;
        if (!type.HasGeneratedBase)
        {
            writer.Line("/// <inheritdoc />");
            writer.Line($"{records} global::{type.Namespace}.{message.Interface}.Records => {(value is null ? Records : value)};");
            if (value is null)
            {
                writer.Line();
                writer.Line("/// <summary>The records of the message, as each generated subclass holds them.</summary>");
                writer.Line($"private protected abstract {records} {Records} {{ get; }}");
            }
        }
        else if (value is not null)
        {
            writer.Line("/// <inheritdoc />");
            writer.Line($"private protected override {records} {Records} => {value};");
        }
    }

    private static string RecordsType(string ns, string recordInterface) => $"global::System.Collections.Generic.IEnumerable<global::{ns}.{recordInterface}?>";
}
