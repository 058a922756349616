namespace UsageSchema.Validation;

/// <summary>The kind of spec constraint a <see cref="Violation"/> breaks.</summary>
public enum ValidationRule
{
    /// <summary>A required member is missing, null or empty.</summary>
    Required,

    /// <summary>A string is shorter than the spec's <c>minLength</c>.</summary>
    MinLength,

    /// <summary>A string is longer than the spec's <c>maxLength</c>.</summary>
    MaxLength,

    /// <summary>A string does not match the spec's <c>pattern</c>.</summary>
    Pattern,

    /// <summary>A value is not one of the spec's <c>enum</c> values.</summary>
    Enum,

    /// <summary>A number is below the spec's <c>minimum</c>.</summary>
    Minimum,

    /// <summary>A number is above the spec's <c>maximum</c>.</summary>
    Maximum,

    /// <summary>A number is NaN or infinite, which JSON cannot carry.</summary>
    Finite,

    /// <summary>A <c>format: date-time</c> string is not ISO 8601 with an offset.</summary>
    DateTime,

    /// <summary>An array has fewer items than the spec's <c>minItems</c>.</summary>
    MinItems,

    /// <summary>An array has more items than the spec's <c>maxItems</c>.</summary>
    MaxItems,

    /// <summary>A cross-field rule of the spec's <c>x-rules</c> does not hold.</summary>
    CrossField,
}
