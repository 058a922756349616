using System.Globalization;
using System.Reflection;
using System.Text;
using UsageSchema.Analyzers.Tests.Harness;
using UsageSchema.Metadata;
using UsageSchema.Validation;

namespace UsageSchema.Analyzers.Tests;

/// <summary>
/// The analyzers and the generated Validate() word a broken constraint alike: for every constraint
/// of every member of the three specs' generated types, one bad value is set at run time (then
/// Validate() is asked) and written as a constant in consumer code (then USG1003 is asked); the
/// messages for that member must be the same. Both come from generators/UsageSchema.Generators/Constraints.
/// </summary>
public class MessageParityTests
{
    [Fact]
    public async Task Every_constraint_of_the_three_specs_gets_the_same_message_from_the_analyzer_and_from_Validate()
    {
        var cases = Cases().ToList();
        Assert.True(cases.Count > 40, $"only {cases.Count} cases: the specs' types were not found");

        var source = new StringBuilder("public static class Probe\n{\n");
        foreach (var (index, @case) in cases.Index())
        {
            source.Append(CultureInfo.InvariantCulture, $"    public static void M{index}({Name(@case.Type)} x) => x.{@case.Property.Name} = {@case.Literal};\n");
        }

        source.Append("}\n");
        var compilation = AnalyzerHarness.Compile(source.ToString());
        AssertCompiles(compilation);
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation);

        var mismatches = new List<string>();
        var reported = 0;
        foreach (var (index, @case) in cases.Index())
        {
            var prefix = $"{@case.Type.Name} field '{@case.Attribute.WireName}' ({@case.Attribute.Member}) ";
            var fromAnalyzer = diagnostics
                .Where(diagnostic => diagnostic.Id == "USG1003" && diagnostic.Location.GetLineSpan().StartLinePosition.Line == index + 2)
                .Select(diagnostic => diagnostic.GetMessage(CultureInfo.InvariantCulture))
                .Select(message => message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : "(unexpected prefix) " + message)
                .Order(StringComparer.Ordinal)
                .ToList();
            var fromValidate = Validate(@case);
            reported += fromValidate.Count;
            if (!fromAnalyzer.SequenceEqual(fromValidate))
            {
                mismatches.Add($"{prefix}= {@case.Literal} ({@case.Constraint}): analyzer [{string.Join(" | ", fromAnalyzer)}], Validate() [{string.Join(" | ", fromValidate)}]");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        // Every case is a bad value: each one must have been reported, or the test compares nothing.
        Assert.True(reported >= cases.Count, $"{reported} messages for {cases.Count} bad values");
    }

    private static void AssertCompiles(Microsoft.CodeAnalysis.Compilation compilation) => AnalyzerHarness.AssertCompiles(compilation);

    private static List<string> Validate(Case @case)
    {
        var instance = Activator.CreateInstance(@case.Type)!;
        @case.Property.SetValue(instance, @case.Value);
        var result = ((IValidatable)instance).Validate();
        return [.. result.Violations.Where(violation => violation.Path == @case.Attribute.WireName).Select(violation => violation.Message).Order(StringComparer.Ordinal)];
    }

    /// <summary>One bad value per constraint of every member of every concrete generated type.</summary>
    private static IEnumerable<Case> Cases()
    {
        var types = typeof(SpecSchemaAttribute).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && type.GetCustomAttribute<SpecSchemaAttribute>(inherit: false) is not null && type.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            for (var declaring = type; declaring is not null; declaring = declaring.BaseType)
            {
                foreach (var attribute in declaring.GetCustomAttributes<SpecMemberAttribute>(inherit: false))
                {
                    if (type.GetProperty(attribute.Member) is { CanWrite: true } property)
                    {
                        foreach (var (constraint, value, literal) in BadValues(attribute, property.PropertyType))
                        {
                            yield return new Case(type, property, attribute, constraint, value, literal);
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Constraint, object Value, string Literal)> BadValues(SpecMemberAttribute spec, Type propertyType)
    {
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (type == typeof(string))
        {
            if (spec.MinLength > 1 || (spec.MinLength == 1 && !spec.Required))
            {
                yield return String("minLength", new string('a', spec.MinLength - 1));
            }

            if (spec.MaxLength >= 0)
            {
                yield return String("maxLength", new string('a', spec.MaxLength + 1));
            }

            if (spec.Pattern is not null)
            {
                yield return String("pattern", "not matching \u00a7");
            }

            if (spec.Format == "date-time")
            {
                yield return String("format date-time", "2024-03-01T08:15:00");
            }

            if (spec.EnumValues is { Length: > 0 })
            {
                yield return String("enum", "not-one-of-them");
            }
        }
        else if (type.IsEnum)
        {
            yield return ("enum", Enum.ToObject(type, 999), $"({Name(type)})999");
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            if (!double.IsNaN(spec.Minimum))
            {
                yield return Integer("minimum", (long)spec.Minimum - (spec.ExclusiveMinimum ? 0 : 1));
            }

            if (!double.IsNaN(spec.Maximum))
            {
                yield return Integer("maximum", (long)spec.Maximum + (spec.ExclusiveMaximum ? 0 : 1));
            }
        }
        else if (type == typeof(double))
        {
            yield return ("finite", double.NaN, "double.NaN");
            if (!double.IsNaN(spec.Minimum))
            {
                yield return Double("minimum", spec.ExclusiveMinimum ? spec.Minimum : spec.Minimum - 0.5);
            }

            if (!double.IsNaN(spec.Maximum))
            {
                yield return Double("maximum", spec.ExclusiveMaximum ? spec.Maximum : spec.Maximum + 0.5);
            }
        }

        (string, object, string) String(string constraint, string value) => (constraint, value, "@\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");

        (string, object, string) Integer(string constraint, long value) =>
            (constraint, type == typeof(int) ? (object)(int)value : value, "(" + Name(type) + ")(" + value.ToString(CultureInfo.InvariantCulture) + ")");

        (string, object, string) Double(string constraint, double value) => (constraint, value, value.ToString("R", CultureInfo.InvariantCulture) + "d");
    }

    private static string Name(Type type) => "global::" + type.FullName!.Replace('+', '.');

    private sealed record Case(Type Type, PropertyInfo Property, SpecMemberAttribute Attribute, string Constraint, object Value, string Literal);
}
