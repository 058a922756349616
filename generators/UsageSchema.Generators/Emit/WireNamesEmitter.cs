using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Emit;

/// <summary>
/// Writes a type's nested <c>WireNames</c>: one constant per serialized member, named as the
/// generated property and holding the spec's wire name, so that hand-written code that reads or
/// names a field outside the serializer (the CLI's readers, messages naming a field) refers to the
/// spec's name instead of restating it.
/// </summary>
/// <remarks>
/// A type with a generated base declares its own members only; its <c>WireNames</c> hides the
/// base's (<c>new</c>), whose constants stay reachable as <c>Base.WireNames</c> (the base of AMIE's
/// messages has no serialized member: NSwag keeps its discriminator in its converter).
/// </remarks>
internal static class WireNamesEmitter
{
    /// <summary>Writes the class after the type's other members (a blank line first); empty for a type without serialized members, so that a subclass's always hides one.</summary>
    public static void Emit(CodeWriter writer, TypeToGenerate type)
    {
        writer.Line();
        writer.Line($"/// <summary>The wire names of the members of <see cref=\"{type.Name}\"/>, as the spec spells them.</summary>");
        EmitClass(
            writer,
            $"public static {(type.HasGeneratedBase ? "new " : string.Empty)}class WireNames",
            type.WireMembers.Select(member => (member.Member.Name, member.Member.WireName, $"<see cref=\"{type.Name}.{member.Member.Name}\"/>")));
    }

    /// <summary>Writes a <c>WireNames</c> class (<paramref name="declaration"/>): one constant per member, its summary naming the member as <c>Reference</c> gives it.</summary>
    public static void EmitClass(CodeWriter writer, string declaration, IEnumerable<(string Name, string WireName, string Reference)> members)
    {
        using (writer.Block(declaration))
        {
            var first = true;
            foreach (var (name, wireName, reference) in members)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                writer.Line($"/// <summary><c>{wireName}</c>, the wire name of {reference}.</summary>");
                writer.Line($"public const string {name} = {Literals.String(wireName)};");
            }
        }
    }
}
