using System.Globalization;
using UsageSchema.Generators.Emit;
using UsageSchema.Generators.Model;

namespace UsageSchema.Constraints;

/// <summary>
/// The spec's constraints on one member, and the only code that knows where each one travels: read
/// from the spec's keywords by the generator, written onto the type as a <c>[SpecMember]</c>
/// attribute, read back from it by the analyzers. Linked into the generator and the analyzers
/// (see <c>ConstraintCatalog</c> for the checks and messages), so the two cannot read them differently.
/// </summary>
internal sealed record MemberConstraints(
    bool Required,
    string? Type,
    string? Format,
    int? MinLength,
    int? MaxLength,
    string? Pattern,
    EquatableArray<string> Enum,
    double? Minimum,
    double? Maximum,
    bool ExclusiveMinimum,
    bool ExclusiveMaximum,
    int? MinItems,
    int? MaxItems,
    bool Secret)
{
    /// <summary>No constraint at all: what a <c>[SpecMember]</c> without named arguments says.</summary>
    public static MemberConstraints None { get; } = new(false, null, null, null, null, null, EquatableArray<string>.Empty, null, null, false, false, null, null, false);

    public bool IsDateTime => Format == "date-time";

    public bool IsNumeric => Type is "integer" or "number";

    /// <summary>
    /// Reads the spec's keywords of a member: <paramref name="scalar"/> and <paramref name="list"/>
    /// look a keyword up (the member's own first, then its <c>$ref</c> target's).
    /// </summary>
    public static MemberConstraints FromSpec(bool required, Func<string, string?> scalar, Func<string, IReadOnlyList<string>?> list, string? type)
    {
        int? Integer(string key) => int.TryParse(scalar(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        double? Number(string key) => double.TryParse(scalar(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
        bool Flag(string key) => string.Equals(scalar(key), "true", StringComparison.OrdinalIgnoreCase);

        return new MemberConstraints(
            required,
            type,
            scalar("format"),
            Integer("minLength"),
            Integer("maxLength"),
            scalar("pattern"),
            (list("enum") ?? Array.Empty<string>()).ToEquatableArray(),
            Number("minimum"),
            Number("maximum"),
            Flag("exclusiveMinimum"),
            Flag("exclusiveMaximum"),
            Integer("minItems"),
            Integer("maxItems"),
            Flag("x-secret"));
    }

    /// <summary>The named arguments of the <c>[SpecMember]</c> attribute, as C# source, in a fixed order.</summary>
    public IEnumerable<string> AttributeArguments()
    {
        if (Required)
        {
            yield return "Required = true";
        }

        if (Format is { } format)
        {
            yield return $"Format = {Literals.String(format)}";
        }

        if (Pattern is { } pattern)
        {
            yield return $"Pattern = {Literals.String(pattern)}";
        }

        if (MinLength is { } minLength)
        {
            yield return $"MinLength = {Literals.Integer(minLength)}";
        }

        if (MaxLength is { } maxLength)
        {
            yield return $"MaxLength = {Literals.Integer(maxLength)}";
        }

        if (Minimum is { } minimum)
        {
            yield return $"Minimum = {minimum.ToString("R", CultureInfo.InvariantCulture)}d";
        }

        if (Maximum is { } maximum)
        {
            yield return $"Maximum = {maximum.ToString("R", CultureInfo.InvariantCulture)}d";
        }

        if (ExclusiveMinimum)
        {
            yield return "ExclusiveMinimum = true";
        }

        if (ExclusiveMaximum)
        {
            yield return "ExclusiveMaximum = true";
        }

        if (Enum.Count > 0)
        {
            yield return $"EnumValues = new[] {{ {string.Join(", ", Enum.Select(Literals.String))} }}";
        }

        if (Secret)
        {
            yield return "Secret = true";
        }
    }

    /// <summary>
    /// This set with one named argument of a <c>[SpecMember]</c> attribute applied; an unknown name or
    /// a value of the wrong type leaves it as it is. The attribute's "not set" values (-1, NaN) read as null.
    /// </summary>
    public MemberConstraints WithAttributeArgument(string name, object? value, IReadOnlyList<string>? values) => name switch
    {
        "Required" when value is bool required => this with { Required = required },
        "Format" => this with { Format = value as string },
        "Pattern" => this with { Pattern = value as string },
        "MinLength" when value is int minLength => this with { MinLength = minLength < 0 ? null : minLength },
        "MaxLength" when value is int maxLength => this with { MaxLength = maxLength < 0 ? null : maxLength },
        "Minimum" when value is double minimum => this with { Minimum = double.IsNaN(minimum) ? null : minimum },
        "Maximum" when value is double maximum => this with { Maximum = double.IsNaN(maximum) ? null : maximum },
        "ExclusiveMinimum" when value is bool exclusiveMinimum => this with { ExclusiveMinimum = exclusiveMinimum },
        "ExclusiveMaximum" when value is bool exclusiveMaximum => this with { ExclusiveMaximum = exclusiveMaximum },
        "EnumValues" when values is not null => this with { Enum = values.ToEquatableArray() },
        "Secret" when value is bool secret => this with { Secret = secret },
        _ => this,
    };
}
