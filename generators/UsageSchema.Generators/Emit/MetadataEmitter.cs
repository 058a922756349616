using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Emit;

/// <summary>
/// Writes the spec's facts onto the type as attributes, so that analyzers in a consumer project
/// (where the spec files are not) learn required members, wire names and constraints from the
/// compiled library: the spec stays the only source.
/// </summary>
internal static class MetadataEmitter
{
    public static void Emit(CodeWriter writer, TypeToGenerate type)
    {
        writer.Line($"[global::UsageSchema.Metadata.SpecSchema({Literals.String(Path.GetFileName(type.SpecPath))}, {Literals.String(type.Name)})]");
        foreach (var member in type.Members)
        {
            writer.Line($"[global::UsageSchema.Metadata.SpecMember({Literals.String(member.Spec.WireName)}, {Literals.String(member.Member.Name)}{NamedArguments(member.Spec)})]");
        }
    }

    private static string NamedArguments(SchemaMember spec)
    {
        var arguments = spec.Constraints.AttributeArguments().ToList();
        return arguments.Count == 0 ? string.Empty : ", " + string.Join(", ", arguments);
    }
}
