using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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
        var arguments = new List<string>();
        if (spec.Required)
        {
            arguments.Add("Required = true");
        }

        if (spec.Format is { } format)
        {
            arguments.Add($"Format = {Literals.String(format)}");
        }

        if (spec.Pattern is { } pattern)
        {
            arguments.Add($"Pattern = {Literals.String(pattern)}");
        }

        if (spec.MinLength is { } minLength)
        {
            arguments.Add($"MinLength = {Literals.Integer(minLength)}");
        }

        if (spec.MaxLength is { } maxLength)
        {
            arguments.Add($"MaxLength = {Literals.Integer(maxLength)}");
        }

        if (spec.Minimum is { } minimum)
        {
            arguments.Add($"Minimum = {minimum.ToString("R", CultureInfo.InvariantCulture)}d");
        }

        if (spec.Maximum is { } maximum)
        {
            arguments.Add($"Maximum = {maximum.ToString("R", CultureInfo.InvariantCulture)}d");
        }

        if (spec.ExclusiveMinimum)
        {
            arguments.Add("ExclusiveMinimum = true");
        }

        if (spec.ExclusiveMaximum)
        {
            arguments.Add("ExclusiveMaximum = true");
        }

        if (spec.Enum.Count > 0)
        {
            arguments.Add($"EnumValues = new[] {{ {string.Join(", ", spec.Enum.Select(Literals.String))} }}");
        }

        if (spec.Secret)
        {
            arguments.Add("Secret = true");
        }

        return arguments.Count == 0 ? string.Empty : ", " + string.Join(", ", arguments);
    }
}
