namespace UsageSchema.Validation;

/// <summary>
/// A type whose members the spec constrains. The source generator implements it on every type
/// generated from a spec schema.
/// </summary>
public interface IValidatable
{
    /// <summary>True when <see cref="Validate"/> would find nothing; never allocates.</summary>
    bool IsValid();

    /// <summary>Every violation of the spec in this object and the objects it contains.</summary>
    ValidationResult Validate();
}
