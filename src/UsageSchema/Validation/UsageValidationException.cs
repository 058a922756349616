namespace UsageSchema.Validation;

/// <summary>Thrown by the generated <c>ThrowIfInvalid()</c> when an object breaks its spec.</summary>
public sealed class UsageValidationException : Exception
{
    /// <summary>Creates the exception for an invalid object of type <paramref name="typeName"/>.</summary>
    /// <param name="typeName">The schema's type name, e.g. <c>ComputeUsageRecord</c>.</param>
    /// <param name="result">The failed validation.</param>
    public UsageValidationException(string typeName, ValidationResult result)
        : base(Describe(typeName, result))
    {
        ArgumentNullException.ThrowIfNull(result);
        TypeName = typeName;
        Violations = result.Violations;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public UsageValidationException()
        : this(string.Empty)
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public UsageValidationException(string message)
        : base(message)
    {
        TypeName = string.Empty;
        Violations = [];
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UsageValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        TypeName = string.Empty;
        Violations = [];
    }

    /// <summary>The schema's type name.</summary>
    public string TypeName { get; }

    /// <summary>Every violation found.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    private static string Describe(string typeName, ValidationResult result) =>
        $"{typeName} is invalid: {string.Join("; ", result?.Violations ?? [])}";
}
