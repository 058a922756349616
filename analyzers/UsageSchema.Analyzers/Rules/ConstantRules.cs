using System.Globalization;
using Microsoft.CodeAnalysis;
using UsageSchema.Analyzers.Metadata;
using UsageSchema.Constraints;

namespace UsageSchema.Analyzers.Rules;

/// <summary>
/// The spec's checks on one constant: a required member's null, empty string or default (USG1002),
/// then the checks of <see cref="ConstraintCatalog"/> (USG1003), the very checks and messages the
/// generated Validate() is emitted from.
/// </summary>
internal static class ConstantRules
{
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
            CheckNumber(member, number, IsIntegral(type.SpecialType), type.SpecialType is SpecialType.System_Single or SpecialType.System_Double, problems);
        }

        return problems;
    }

    private static void CheckString(SpecMember member, string value, List<string> problems)
    {
        foreach (var check in member.StringChecks)
        {
            if (check.Breaks(value))
            {
                problems.Add(ConstraintCatalog.Message(check, value, member.Constraints.Secret));
            }
        }
    }

    private static void CheckNumber(SpecMember member, double value, bool integral, bool floating, List<string> problems)
    {
        foreach (var check in member.NumberChecksFor(integral, floating))
        {
            if (check.Breaks(value))
            {
                problems.Add(ConstraintCatalog.Message(check, value, integral));
            }
        }
    }

    private static void CheckEnum(SpecMember member, INamedTypeSymbol enumType, object constant, List<string> problems)
    {
        if (!TryLong(constant, out var value))
        {
            return;
        }

        var facts = member.EnumFactsFor(enumType, ReadEnum);
        if (facts.HasMembers && facts.Check.Breaks(value))
        {
            problems.Add(ConstraintCatalog.Message(facts.Check, value));
        }
    }

    private static EnumFacts ReadEnum(SpecMember member, INamedTypeSymbol enumType)
    {
        var names = new List<string>();
        var defined = new HashSet<long>();
        foreach (var symbol in enumType.GetMembers())
        {
            if (symbol is IFieldSymbol { HasConstantValue: true } field && TryLong(field.ConstantValue, out var fieldValue))
            {
                names.Add(field.Name);
                defined.Add(fieldValue);
            }
        }

        return new EnumFacts(enumType, names.Count > 0, ConstraintCatalog.EnumCheck(member.Constraints, enumType.Name, names, defined.Contains));
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
