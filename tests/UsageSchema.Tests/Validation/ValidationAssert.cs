using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// Checks both generated entry points together: <c>IsValid()</c> and <c>Validate()</c> are emitted as
/// separate code paths, so every behaviour test also proves they agree.
/// </summary>
internal static class ValidationAssert
{
    /// <summary>The object is valid, and Validate() hands back the shared instance (no allocation).</summary>
    public static void Valid(IValidatable value)
    {
        var result = value.Validate();
        Assert.Empty(result.Violations);
        Assert.Same(ValidationResult.Valid, result);
        Assert.True(value.IsValid());
    }

    /// <summary>The object breaks exactly the given violations, in this order.</summary>
    public static void Violations(IValidatable value, params Violation[] expected)
    {
        var result = value.Validate();
        // Compared as a list so a failure prints every actual violation, not just the first mismatch.
        Assert.Equal(expected, result.Violations);
        Assert.False(result.IsValid);
        Assert.False(value.IsValid());
    }

    public static Violation V(string path, ValidationRule rule, string message) => new(path, rule, message);
}
