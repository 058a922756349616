using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Emit;

/// <summary>Writes the one generated file of a type: its validation, its record interface, with an upsert key its equality, and with a plain wire form its JSON writer.</summary>
internal static class SourceEmitter
{
    public static string Emit(TypeToGenerate type)
    {
        var writer = new CodeWriter();
        writer.FileHeader(type.SpecPath);
        using (writer.Block($"namespace {type.Namespace}"))
        {
            var hasKey = type.UpsertKey.Count > 0;
            var interfaces = hasKey
                ? $"global::UsageSchema.Validation.IValidatable, global::System.IEquatable<{type.Name}>"
                : "global::UsageSchema.Validation.IValidatable";
            if (type.RecordInterface is { } recordInterface)
            {
                interfaces += $", global::{type.Namespace}.{recordInterface}";
            }

            if (MessageInterfaceEmitter.DeclaredInterface(type) is { } messageInterface)
            {
                interfaces += ", " + messageInterface;
            }

            var writes = JsonWriterEmitter.CanWrite(type);
            if (writes)
            {
                interfaces += ", " + JsonWriterEmitter.InterfaceName;
            }

            MetadataEmitter.Emit(writer, type);
            using (writer.Block($"partial class {type.Name} : {interfaces}"))
            {
                ValidationEmitter.Emit(writer, type);
                if (type.RecordInterface is not null)
                {
                    writer.Line();
                    RecordInterfaceEmitter.EmitImplementation(writer, type);
                }
                if (hasKey)
                {
                    writer.Line();
                    UpsertKeyEmitter.EmitMembers(writer, type);
                }

                if (type.Message is not null)
                {
                    writer.Line();
                    MessageInterfaceEmitter.EmitImplementation(writer, type);
                }

                if (writes)
                {
                    writer.Line();
                    JsonWriterEmitter.Emit(writer, type);
                }

                JsonReaderEmitter.Emit(writer, type);
                WireNamesEmitter.Emit(writer, type);
            }

            if (hasKey)
            {
                writer.Line();
                UpsertKeyEmitter.EmitKeyType(writer, type);
            }
        }

        return writer.ToString();
    }
}
