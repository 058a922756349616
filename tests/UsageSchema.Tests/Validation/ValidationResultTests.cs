using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// The result and exception types on their own, including the inputs no generated code passes
/// (null, hand-built lists) and the conventional exception constructors.
/// </summary>
public class ValidationResultTests
{
    private static readonly Violation Missing = new("Username", ValidationRule.Required, "is required but missing");
    private static readonly Violation TooSmall = new("Attributes.NodeCount", ValidationRule.Minimum, "must be >= 1; got 0");

    [Fact]
    public void From_no_violations_is_the_shared_valid_result()
    {
        Assert.Same(ValidationResult.Valid, ValidationResult.From([]));
        Assert.Same(ValidationResult.Valid, ValidationResult.From(new List<Violation>()));
        Assert.True(ValidationResult.Valid.IsValid);
        Assert.Empty(ValidationResult.Valid.Violations);
    }

    [Fact]
    public void From_violations_keeps_them_in_order()
    {
        var result = ValidationResult.From([Missing, TooSmall]);

        Assert.NotSame(ValidationResult.Valid, result);
        Assert.False(result.IsValid);
        Assert.Equal([Missing, TooSmall], result.Violations);
        Assert.Equal("2 violation(s): Username: is required but missing; Attributes.NodeCount: must be >= 1; got 0", result.ToString());
    }

    [Fact]
    public void From_null_is_refused_naming_the_argument()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => ValidationResult.From(null!));

        Assert.Equal("violations", exception.ParamName);
    }

    [Fact]
    public void A_violation_reads_as_path_then_message()
    {
        Assert.Equal("Username: is required but missing", Missing.ToString());
    }

    [Fact]
    public void Exception_of_a_result_names_the_type_and_carries_every_violation()
    {
        var exception = new UsageValidationException("ComputeUsageRecord", ValidationResult.From([Missing, TooSmall]));

        Assert.Equal("ComputeUsageRecord", exception.TypeName);
        Assert.Equal([Missing, TooSmall], exception.Violations);
        Assert.Equal(
            "ComputeUsageRecord is invalid: Username: is required but missing; Attributes.NodeCount: must be >= 1; got 0",
            exception.Message);
    }

    [Fact]
    public void Exception_of_a_null_result_is_refused_naming_the_argument()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => new UsageValidationException("ComputeUsageRecord", (ValidationResult)null!));

        Assert.Equal("result", exception.ParamName);
    }

    [Fact]
    public void Conventional_exception_constructors_leave_type_and_violations_empty()
    {
        var inner = new InvalidOperationException("cause");

        var none = new UsageValidationException();
        var message = new UsageValidationException("bad record");
        var wrapped = new UsageValidationException("bad record", inner);

        Assert.Equal(string.Empty, none.Message);
        Assert.Equal(string.Empty, none.TypeName);
        Assert.Empty(none.Violations);
        Assert.Equal(string.Empty, message.TypeName);
        Assert.Equal("bad record", message.Message);
        Assert.Empty(message.Violations);
        Assert.Equal(string.Empty, wrapped.TypeName);
        Assert.Equal("bad record", wrapped.Message);
        Assert.Same(inner, wrapped.InnerException);
        Assert.Empty(wrapped.Violations);
    }
}
