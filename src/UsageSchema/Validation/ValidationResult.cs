namespace UsageSchema.Validation;

/// <summary>Every violation found in one object graph, in the order of the spec's members.</summary>
public sealed class ValidationResult
{
    private ValidationResult(IReadOnlyList<Violation> violations) => Violations = violations;

    /// <summary>The shared result of every valid object; returning it allocates nothing.</summary>
    public static ValidationResult Valid { get; } = new([]);

    /// <summary>All violations; empty when the object is valid.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>True when there is no violation.</summary>
    public bool IsValid => Violations.Count == 0;

    /// <summary>A result of the given violations, or <see cref="Valid"/> when there are none.</summary>
    /// <param name="violations">The violations found.</param>
    public static ValidationResult From(IReadOnlyList<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        return violations.Count == 0 ? Valid : new ValidationResult(violations);
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsValid ? "valid" : $"{Violations.Count} violation(s): {string.Join("; ", Violations)}";
}
