using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Emit;

/// <summary>
/// Writes a type's <c>TryReadJson(ref Utf8JsonReader, out T?, out ulong)</c>, the reading twin of
/// <see cref="JsonWriterEmitter"/>: one pass over an object's tokens that fills the generated class
/// member by member (UTF-8 name matching, numbers through the reader's own <c>TryGet…</c>), for
/// callers that read many records and cannot afford the serializer's per-call machinery.
/// </summary>
/// <remarks>
/// <para>The rule is: what it accepts, <c>JsonSerializer</c> with <c>UsageJson.Options</c> reads to
/// the same object; anything else it <b>declines</b> (returns false, with the reader left anywhere)
/// and the caller reads the same bytes through the serializer, which words every error as before.
/// So it restates only the common forms: a string member from a JSON string or a number's exact text
/// (<c>TolerantStringConverter</c>), a <c>format: decimal</c> member through <c>DecimalText</c>
/// (<c>DecimalTextConverter</c>), numbers from JSON numbers (finite, in range), flags from
/// <c>true</c>/<c>false</c>, nested generated objects through their own reader.</para>
/// <para>It declines a <c>null</c> (the contract modifiers give it several meanings), a number in a
/// string, an array, an escaped or unknown member name (extension data, members the serializer
/// would match otherwise), a member named twice, a member of a kind it does not restate (enums,
/// collections, members with their own converter), a spec-required member that is absent (the
/// serializer may require it), and every type whose wire form is not plain (a generated base,
/// abstract, a class-level converter). A malformed token throws the reader's <c>JsonException</c>,
/// as the serializer's read would.</para>
/// <para><c>seen</c> has bit <c>i</c> set for the member <c>JsonReadOrder[i]</c> present, so that a
/// caller can tell a record's kind from its members without a second scan.</para>
/// </remarks>
internal static class JsonReaderEmitter
{
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Token = "global::System.Text.Json.JsonTokenType";
    private const string Utf8 = "global::System.Text.Encoding.UTF8";
    private const string DecimalText = "global::UsageSchema.Serialization.DecimalText";
    private const int MaxMembers = 64;

    /// <summary>Writes the reader and its member order (a blank line first).</summary>
    public static void Emit(CodeWriter writer, TypeToGenerate type)
    {
        var members = type.WireMembers.ToList();
        var readable = type.Writing != ClassWriting.Unsupported && !type.IsAbstract && !type.HasGeneratedBase
            && members.Count is > 0 and <= MaxMembers && members.Any(ReadsValue);
        var hides = type.HasGeneratedBase ? "new " : string.Empty;

        writer.Line();
        writer.Line($"/// <summary>The wire names of the members whose presence <see cref=\"TryReadJson\"/> reports: bit <c>i</c> of its <c>seen</c> is member <c>i</c>.</summary>");
        writer.Line($"internal static {hides}readonly string[] JsonReadOrder = [{string.Join(", ", (readable ? members : []).Select(member => Literals.String(member.Member.WireName)))}];");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Reads the object at <paramref name=\"reader\"/> (on its <c>StartObject</c>) as <c>JsonSerializer</c> with");
        writer.Line("/// <c>UsageJson.Options</c> would, or declines (false) what only the serializer reads exactly (see JsonReaderEmitter).");
        writer.Line("/// </summary>");
        writer.Line("#pragma warning disable CS0612, CS0618");
        using (writer.Block($"internal static bool TryReadJson(ref {Reader} reader, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {type.Name}? value, out ulong seen)"))
        {
            writer.Line("value = null;");
            writer.Line("seen = 0;");
            if (!readable)
            {
                writer.Line("return false;");
                return;
            }

            var required = 0UL;
            var requiredNames = new HashSet<string>(type.Members.Where(member => member.Spec.Constraints.Required).Select(member => member.Member.Name), StringComparer.Ordinal);
            for (var i = 0; i < members.Count; i++)
            {
                if (requiredNames.Contains(members[i].Member.Name))
                {
                    required |= 1UL << i;
                }
            }

            writer.Line($"if (reader.TokenType != {Token}.StartObject) return false;");
            writer.Line($"var read = new {type.Name}();");
            using (writer.Block("while (reader.Read())"))
            {
                using (writer.Block($"if (reader.TokenType == {Token}.EndObject)"))
                {
                    writer.Line($"if ((seen & {required}UL) != {required}UL) return false;");
                    writer.Line("value = read;");
                    writer.Line("return true;");
                }

                writer.Line($"if (reader.TokenType != {Token}.PropertyName || reader.ValueIsEscaped || reader.HasValueSequence) return false;");
                writer.Line("var name = reader.ValueSpan;");
                writer.Line("if (!reader.Read()) return false;");
                writer.Line("ulong bit;");
                using (writer.Block("switch (name.Length)"))
                {
                    // A member of a kind this reader does not restate (an enum, a collection, one with its own converter) is
                    // matched by no case: like an unknown member, it is declined, and the serializer reads it.
                    foreach (var group in members.Select((member, index) => (Member: member, Index: index)).Where(entry => ReadsValue(entry.Member)).GroupBy(entry => System.Text.Encoding.UTF8.GetByteCount(entry.Member.Member.WireName)).OrderBy(group => group.Key))
                    {
                        writer.Line($"case {group.Key}:");
                        var first = true;
                        foreach (var (member, index) in group)
                        {
                            using (writer.Block($"{(first ? string.Empty : "else ")}if (global::System.MemoryExtensions.SequenceEqual(name, {Literals.String(member.Member.WireName)}u8))"))
                            {
                                writer.Line($"bit = 1UL << {index};");
                                EmitValue(writer, member);
                            }

                            first = false;
                        }

                        writer.Line("else return false;");
                        writer.Line("break;");
                    }

                    writer.Line("default:");
                    writer.Line("return false;");
                }

                writer.Line("if ((seen & bit) != 0) return false;");
                writer.Line("seen |= bit;");
            }

            writer.Line("return false;");
        }

        writer.Line("#pragma warning restore CS0612, CS0618");
    }

    private static bool ReadsValue(WireMember member)
    {
        var type = member.Member.TypeName;
        return member.Member.IsPlainlyWritten && member.Member.Kind switch
        {
            MemberKind.String => type is "string" or "string?",
            MemberKind.Integer or MemberKind.Number => Getter(type) is not null,
            MemberKind.Other => type == "bool",
            MemberKind.Object => member.Member.IsValidatable && !type.EndsWith("?", StringComparison.Ordinal),
            _ => false,
        };
    }

    private static void EmitValue(CodeWriter writer, WireMember member)
    {
        var target = $"read.{member.Member.Name}";
        var type = member.Member.TypeName;
        switch (member.Member.Kind)
        {
            case MemberKind.String:
                writer.Line("string __text;");
                writer.Line($"if (reader.TokenType == {Token}.String) __text = reader.GetString()!;");
                writer.Line($"else if (reader.TokenType == {Token}.Number && !reader.HasValueSequence) __text = {Utf8}.GetString(reader.ValueSpan);");
                writer.Line("else return false;");
                writer.Line(member.IsDecimal ? $"{target} = {DecimalText}.ToPlain(__text) ?? __text;" : $"{target} = __text;");
                break;
            case MemberKind.Integer or MemberKind.Number:
                var getter = Getter(type);
                var finite = type is "double" or "float" ? $" && {type}.IsFinite(__number)" : string.Empty;
                writer.Line($"if (reader.TokenType != {Token}.Number || !(reader.{getter}(out var __number){finite})) return false;");
                writer.Line($"{target} = __number;");
                break;
            case MemberKind.Other:
                writer.Line($"if (reader.TokenType == {Token}.True) {target} = true;");
                writer.Line($"else if (reader.TokenType == {Token}.False) {target} = false;");
                writer.Line("else return false;");
                break;
            default:
                writer.Line($"if (!{type}.TryReadJson(ref reader, out var __object, out _)) return false;");
                writer.Line($"{target} = __object;");
                break;
        }
    }

    private static string? Getter(string type) => type switch
    {
        "int" => "TryGetInt32",
        "long" => "TryGetInt64",
        "double" => "TryGetDouble",
        "float" => "TryGetSingle",
        "decimal" => "TryGetDecimal",
        _ => null,
    };
}
