using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using UsageSchema.Analyzers.Metadata;
using UsageSchema.Generators.Emit;
using UsageSchema.Validation;

namespace UsageSchema.Analyzers.Rules;

/// <summary>
/// The spec's checks on one constant, with the rules and the wording of the generated Validate():
/// a required member's null, empty string or default (USG1002), then format, length, pattern,
/// range and enum (USG1003).
/// </summary>
internal static class ConstantRules
{
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    /// <summary>What a required member is set to when the value is as good as missing ("null", "an empty string", "default"), or null.</summary>
    public static string? EmptyRequiredValue(SpecMember member, ITypeSymbol memberType, Optional<object?> constant, bool isDefaultExpression)
    {
        if (!member.Required)
        {
            return null;
        }

        if (constant.HasValue && constant.Value is null)
        {
            return "null";
        }

        if (constant.HasValue && constant.Value is string { Length: 0 })
        {
            return "an empty string";
        }

        // A value type's default is what a missing member reads as: it cannot be told from missing.
        return isDefaultExpression && memberType.IsValueType ? "default, which cannot be told from a missing value" : null;
    }

    /// <summary>The spec rules <paramref name="constant"/> breaks, in Validate()'s words; empty when none.</summary>
    public static List<string> Broken(SpecMember member, ITypeSymbol memberType, object constant)
    {
        var problems = new List<string>();
        if (constant is string text)
        {
            CheckString(member, text, problems);
            return problems;
        }

        var type = memberType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : memberType;
        if (type.TypeKind == TypeKind.Enum)
        {
            CheckEnum(member, (INamedTypeSymbol)type, constant, problems);
        }
        else if (IsNumber(type.SpecialType) && TryDouble(constant, out var number))
        {
            CheckNumber(member, number, IsIntegral(type.SpecialType), problems);
        }

        return problems;
    }

    private static void CheckString(SpecMember member, string value, List<string> problems)
    {
        // A required string's empty value is reported as missing (USG1002), not again as too short.
        if (member.MinLength >= 0 && value.Length < member.MinLength && !(member.Required && value.Length == 0))
        {
            problems.Add($"must be at least {member.MinLength} character(s) long; got {ValueText.Echo(value.Length)}");
        }

        if (member.MaxLength >= 0 && value.Length > member.MaxLength)
        {
            problems.Add($"must be at most {member.MaxLength} character(s) long; got {ValueText.Echo(value.Length)}");
        }

        if (member.Pattern is { } pattern && Pattern(pattern) is { } regex && !Matches(regex, value))
        {
            problems.Add($"must match the pattern {pattern}; got {ValueText.Echo(value, member.Secret)}");
        }

        if (member.IsDateTime && !Iso8601.TryParse(value.AsSpan(), out _))
        {
            problems.Add($"must be an ISO 8601 date-time with offset, e.g. 2024-03-01T10:00:00-05:00; got {ValueText.Echo(value, member.Secret)}");
        }

        if (!member.EnumValues.IsDefaultOrEmpty && !member.EnumValues.Contains(value, StringComparer.Ordinal))
        {
            problems.Add($"must be one of {string.Join(", ", member.EnumValues)}; got {ValueText.Echo(value, member.Secret)}");
        }
    }

    private static void CheckNumber(SpecMember member, double value, bool integral, List<string> problems)
    {
        var shown = integral ? ValueText.Echo((long)value) : ValueText.Echo(value);
        if (!integral && (double.IsNaN(value) || double.IsInfinity(value)))
        {
            problems.Add($"must be a finite number; got {shown}");
            return;
        }

        if (!double.IsNaN(member.Minimum) && (member.ExclusiveMinimum ? value <= member.Minimum : value < member.Minimum))
        {
            problems.Add($"must be {(member.ExclusiveMinimum ? ">" : ">=")} {ValueText.Bound(member.Minimum, integral)}; got {shown}");
        }

        if (!double.IsNaN(member.Maximum) && (member.ExclusiveMaximum ? value >= member.Maximum : value > member.Maximum))
        {
            problems.Add($"must be {(member.ExclusiveMaximum ? "<" : "<=")} {ValueText.Bound(member.Maximum, integral)}; got {shown}");
        }
    }

    private static void CheckEnum(SpecMember member, INamedTypeSymbol enumType, object constant, List<string> problems)
    {
        if (!TryLong(constant, out var value))
        {
            return;
        }

        var names = new List<string>();
        var defined = false;
        foreach (var field in enumType.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.HasConstantValue && TryLong(field.ConstantValue, out var fieldValue))
            {
                names.Add(field.Name);
                defined |= fieldValue == value;
            }
        }

        if (!defined && names.Count > 0)
        {
            var wireValues = member.EnumValues.IsDefaultOrEmpty ? string.Join(", ", names) : string.Join(", ", member.EnumValues);
            problems.Add($"must be one of {wireValues}; got the undefined value {ValueText.Echo(value)}");
        }
    }

    /// <summary>The spec pattern as the generated Validate() compiles it; null if .NET cannot read it.</summary>
    private static Regex? Pattern(string pattern) => Patterns.GetOrAdd(pattern, static text =>
    {
        try
        {
            return new Regex(Literals.Pattern(text), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    });

    private static bool Matches(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // Undecided within the time Validate() allows: not reported at compile time.
            return true;
        }
    }

    private static bool IsNumber(SpecialType type) => type is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
        or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
        or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal;

    private static bool IsIntegral(SpecialType type) => type is not (SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal);

    private static bool TryDouble(object constant, out double value)
    {
        switch (constant)
        {
            case double d:
                value = d;
                return true;
            case float f:
                value = f;
                return true;
            case decimal m:
                value = (double)m;
                return true;
            case IConvertible convertible when constant is sbyte or byte or short or ushort or int or uint or long or ulong:
                value = convertible.ToDouble(CultureInfo.InvariantCulture);
                return true;
            default:
                value = 0;
                return false;
        }
    }

    private static bool TryLong(object? constant, out long value)
    {
        switch (constant)
        {
            case sbyte or byte or short or ushort or int or uint or long:
                value = ((IConvertible)constant).ToInt64(CultureInfo.InvariantCulture);
                return true;
            case ulong u:
                value = unchecked((long)u);
                return true;
            default:
                value = 0;
                return false;
        }
    }
}
