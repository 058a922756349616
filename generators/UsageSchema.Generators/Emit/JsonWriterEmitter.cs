using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Emit;

/// <summary>
/// Writes a type's <c>IJsonWritable.WriteJson</c>: its wire form as direct <c>Utf8JsonWriter</c>
/// calls, byte for byte what <c>JsonSerializer</c> writes with <c>UsageJson.Options</c>. The
/// serializer's per-call machinery (its write stack, a boxed getter and converter dispatch per member,
/// the empty <c>AdditionalProperties</c> dictionary every read of the property creates) is what the
/// packer's hot path saves.
/// </summary>
/// <remarks>
/// <para>What is restated here is what the options do to a plain NSwag class: members in declaration
/// order under their pre-encoded wire names, null members omitted (<c>WhenWritingNull</c>),
/// <c>format: decimal</c> strings through <c>DecimalText</c> (<c>SpecMemberConverters</c>), numbers and
/// flags as the built-in converters write them, nested schema objects through their own writers.</para>
/// <para>A type that needs anything else gets no writer and is serialized by <c>JsonSerializer</c>:
/// a generated base class, a member with a converter or another ignore condition (enums), a
/// collection, a public member without a wire name. An object whose extension data holds members,
/// or whose nested object is null (which a contract modifier may write as something else, e.g. the
/// storage record's <c>"Attributes": {}</c>), is handed to <c>JsonSerializer</c> whole at run time,
/// so those cases are the serializer's by construction.</para>
/// <para>Beside it, <c>IJsonWritable.TryWriteJson(WireBuffer)</c>: the same members as bytes straight
/// into the packer's request body, names as UTF-8 literals. It declines (returns false) whatever
/// only <c>Utf8JsonWriter</c> spells exactly, text the encoder would escape or invalid UTF-16, a NaN,
/// and the cases above, and the packer then writes that object through <c>WriteJson</c>.</para>
/// </remarks>
internal static class JsonWriterEmitter
{
    private const string Writable = "global::UsageSchema.Serialization.IJsonWritable";
    private const string Serializer = "global::System.Text.Json.JsonSerializer";
    private const string Options = "global::UsageSchema.Serialization.UsageJson.Options";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string EncodedText = "global::System.Text.Json.JsonEncodedText";
    private const string Buffer = "global::UsageSchema.Serialization.WireBuffer";

    private static readonly HashSet<string> Numbers = new(StringComparer.Ordinal) { "int", "long", "double", "float", "decimal" };

    public static bool CanWrite(TypeToGenerate type) =>
        type.Writing != ClassWriting.Unsupported && !type.IsAbstract && !type.HasGeneratedBase && type.WireMembers.Count > 0
        && type.WireMembers.All(member => member.Member.IsPlainlyWritten && Kind(member) is not null);

    public static string InterfaceName => Writable;

    public static void Emit(CodeWriter writer, TypeToGenerate type)
    {
        var members = type.WireMembers.ToList();
        foreach (var member in members)
        {
            writer.Line($"private static readonly {EncodedText} {NameField(member)} = {EncodedText}.Encode({Literals.String(member.Member.WireName)}, global::UsageSchema.Serialization.UsageJson.Options.Encoder);");
        }

        writer.Line();

        // The serializer writes obsolete members too (a legacy form field): so does the writer.
        writer.Line("#pragma warning disable CS0612, CS0618");
        writer.Line("/// <inheritdoc />");
        using (writer.Block($"void {Writable}.WriteJson({Writer} writer)"))
        {
            var fallback = new List<string>();
            if (type.Writing == ClassWriting.PlainWithExtensionData)
            {
                fallback.Add("this._additionalProperties is { Count: > 0 }");
            }

            fallback.AddRange(members.Where(member => Kind(member) == WriteKind.Object).Select(member => $"this.{member.Member.Name} is null"));
            if (fallback.Count > 0)
            {
                writer.Line("// Extension data and null nested objects: the serializer's own, whole (see JsonWriterEmitter).");
                using (writer.Block($"if ({string.Join(" || ", fallback)})"))
                {
                    writer.Line($"{Serializer}.Serialize(writer, this, {Options}.GetTypeInfo(typeof(global::{type.Namespace}.{type.Name})));");
                    writer.Line("return;");
                }

                writer.Line();
            }

            writer.Line("writer.WriteStartObject();");
            foreach (var member in members)
            {
                EmitMember(writer, member);
            }

            writer.Line("writer.WriteEndObject();");
        }

        writer.Line();
        EmitBytesWriter(writer, type, members);
        writer.Line("#pragma warning restore CS0612, CS0618");
    }

    /// <summary>
    /// <c>TryWriteJson(WireBuffer)</c>: the same members straight as bytes, names as UTF-8 literals.
    /// Whatever only <c>Utf8JsonWriter</c> spells exactly (extension data, a null nested object, a
    /// floating-point number, text to escape) makes it return false, and the caller writes the object
    /// through <c>WriteJson</c> instead.
    /// </summary>
    private static void EmitBytesWriter(CodeWriter writer, TypeToGenerate type, List<WireMember> members)
    {
        writer.Line("/// <inheritdoc />");
        using (writer.Block($"bool {Writable}.TryWriteJson({Buffer} buffer)"))
        {
            // A name that would need escaping (none in the specs): the Utf8JsonWriter path, always.
            if (!members.All(member => IsPlainName(member.Member.WireName)))
            {
                writer.Line("return false;");
                return;
            }

            var fallback = new List<string>();
            if (type.Writing == ClassWriting.PlainWithExtensionData)
            {
                fallback.Add("this._additionalProperties is { Count: > 0 }");
            }

            fallback.AddRange(members.Where(member => Kind(member) == WriteKind.Object).Select(member => $"this.{member.Member.Name} is null"));
            if (fallback.Count > 0)
            {
                writer.Line($"if ({string.Join(" || ", fallback)}) return false;");
            }

            writer.Line("buffer.WriteStartObject();");
            foreach (var member in members)
            {
                EmitBytesMember(writer, member);
            }

            writer.Line("buffer.WriteEndObject();");
            writer.Line("return true;");
        }
    }

    private static void EmitBytesMember(CodeWriter writer, WireMember member)
    {
        // The name as a UTF-8 literal, quotes and colon included: "\"Charge\":"u8.
        var name = "\"\\\"" + member.Member.WireName + "\\\":\"u8";
        var value = $"this.{member.Member.Name}";
        var local = Local(member);
        switch (Kind(member))
        {
            case WriteKind.String:
                writer.Line($"if ({value} is {{ }} {local} && !buffer.TryWriteString({name}, {local})) return false;");
                break;
            case WriteKind.Decimal:
                writer.Line($"if ({value} is {{ }} {local} && !buffer.TryWriteString({name}, global::UsageSchema.Serialization.DecimalText.ToPlain({local}) ?? {local})) return false;");
                break;
            case WriteKind.Number when member.Member.TypeName is "double" or "float":
                // NaN and the infinities: the Utf8JsonWriter path, which says why it cannot write them.
                writer.Line(member.Member.IsNullable
                    ? $"if ({value} is {{ }} {local} && !buffer.TryWriteNumber({name}, {local})) return false;"
                    : $"if (!buffer.TryWriteNumber({name}, {value})) return false;");
                break;
            case WriteKind.Number:
                writer.Line(member.Member.IsNullable
                    ? $"if ({value} is {{ }} {local}) buffer.WriteNumber({name}, {local});"
                    : $"buffer.WriteNumber({name}, {value});");
                break;
            case WriteKind.Boolean:
                writer.Line(member.Member.IsNullable
                    ? $"if ({value} is {{ }} {local}) buffer.WriteBoolean({name}, {local});"
                    : $"buffer.WriteBoolean({name}, {value});");
                break;
            default:
                // Non-null here (checked above); a nested type without a writer of its own: the Utf8JsonWriter path.
                writer.Line($"buffer.WritePropertyName({name});");
                writer.Line($"if (!({value} is {Writable} {local} && {local}.TryWriteJson(buffer))) return false;");
                break;
        }
    }

    // Letters, digits and '_' go out as they are, in a name as in a UTF-8 literal.
    private static bool IsPlainName(string name) =>
        name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');

    private static void EmitMember(CodeWriter writer, WireMember member)
    {
        var name = NameField(member);
        var value = $"this.{member.Member.Name}";
        switch (Kind(member))
        {
            case WriteKind.String:
                writer.Line($"if ({value} is {{ }} {Local(member)}) writer.WriteString({name}, {Local(member)});");
                break;
            case WriteKind.Decimal:
                writer.Line($"if ({value} is {{ }} {Local(member)}) writer.WriteString({name}, global::UsageSchema.Serialization.DecimalText.ToPlain({Local(member)}) ?? {Local(member)});");
                break;
            case WriteKind.Number:
                writer.Line(member.Member.IsNullable
                    ? $"if ({value} is {{ }} {Local(member)}) writer.WriteNumber({name}, {Local(member)});"
                    : $"writer.WriteNumber({name}, {value});");
                break;
            case WriteKind.Boolean:
                writer.Line(member.Member.IsNullable
                    ? $"if ({value} is {{ }} {Local(member)}) writer.WriteBoolean({name}, {Local(member)});"
                    : $"writer.WriteBoolean({name}, {value});");
                break;
            default:
                // Its own writer when its type has one, the serializer (under the declared type, as it would) otherwise.
                writer.Line($"writer.WritePropertyName({name});");
                writer.Line($"if ({value} is {Writable} {Local(member)}) {Local(member)}.WriteJson(writer);");
                writer.Line($"else {Serializer}.Serialize(writer, {value}, {Options}.GetTypeInfo(typeof({member.Member.TypeName})));");
                break;
        }
    }

    private static WriteKind? Kind(WireMember member) => member.Member.Kind switch
    {
        MemberKind.String => member.IsDecimal ? WriteKind.Decimal : WriteKind.String,
        MemberKind.Integer or MemberKind.Number when Numbers.Contains(member.Member.TypeName) => WriteKind.Number,
        MemberKind.Object when member.Member.IsValidatable && !member.Member.TypeName.EndsWith("?", StringComparison.Ordinal) => WriteKind.Object,
        MemberKind.Other when member.Member.TypeName == "bool" => WriteKind.Boolean,
        _ => null,
    };

    private static string NameField(WireMember member) => "__wire" + member.Member.Name;

    private static string Local(WireMember member) => "__" + char.ToLowerInvariant(member.Member.Name[0]) + member.Member.Name.Substring(1);

    private enum WriteKind
    {
        String,
        Decimal,
        Number,
        Boolean,
        Object,
    }
}
