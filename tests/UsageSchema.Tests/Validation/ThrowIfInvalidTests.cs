using UsageSchema.Amie;
using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// ThrowIfInvalid is what a sender calls before a request; its message must carry every violation
/// so one log line is enough to fix the record.
/// </summary>
public class ThrowIfInvalidTests
{
    [Fact]
    public void Valid_record_does_not_throw()
    {
        var exception = Record.Exception(Samples.Compute().ThrowIfInvalid);

        Assert.Null(exception);
    }

    [Fact]
    public void Valid_message_does_not_throw()
    {
        UsageMessage message = Samples.ComputeMessage(3);

        Assert.Null(Record.Exception(message.ThrowIfInvalid));
    }

    [Fact]
    public void Invalid_record_throws_with_every_violation_in_the_message()
    {
        var record = Samples.Compute();
        record.Username = null!;
        record.Charge = "abc";
        record.Attributes.NodeCount = 0;

        var exception = Assert.Throws<UsageValidationException>(record.ThrowIfInvalid);

        Assert.Equal("ComputeUsageRecord", exception.TypeName);
        Assert.Equal(record.Validate().Violations, exception.Violations);
        Assert.Equal(
            "ComputeUsageRecord is invalid: "
            + "Username: is required but missing; "
            + @"Charge: must match the pattern ^-?[0-9]+(\.[0-9]+)?$; got 'abc'; "
            + "Attributes.NodeCount: must be >= 1; got 0",
            exception.Message);
    }

    [Fact]
    public void Invalid_message_throws_with_the_paths_of_its_records()
    {
        var message = Samples.ComputeMessage(5);
        message.Records[3].Attributes.NodeCount = 0;
        message.Records[4] = null!;

        var exception = Assert.Throws<UsageValidationException>(message.ThrowIfInvalid);

        Assert.Equal("ComputeUsageMessage", exception.TypeName);
        Assert.Equal(
            [
                new Violation("Records[3].Attributes.NodeCount", ValidationRule.Minimum, "must be >= 1; got 0"),
                new Violation("Records[4]", ValidationRule.Required, "is null; items must be objects"),
            ],
            exception.Violations);
        Assert.Contains("Records[3].Attributes.NodeCount: must be >= 1; got 0", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Records[4]: is null; items must be objects", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_on_a_valid_object_returns_the_shared_valid_instance()
    {
        // Valid is the allocation-free answer; every generated type must hand back that one instance.
        Assert.Same(ValidationResult.Valid, Samples.Compute().Validate());
        Assert.Same(ValidationResult.Valid, Samples.Adjustment().Validate());
        Assert.Same(ValidationResult.Valid, Samples.ComputeMessage(2).Validate());
        Assert.Same(ValidationResult.Valid, Samples.Report().Validate());
        Assert.Same(ValidationResult.Valid, Samples.Job().Validate());
        Assert.Same(ValidationResult.Valid, new UsageStatusResource { Resource = "r" }.Validate());
    }

    [Fact]
    public void Validation_result_describes_itself()
    {
        var record = Samples.Compute();
        record.Charge = string.Empty;

        Assert.Equal("valid", ValidationResult.Valid.ToString());
        Assert.Equal("1 violation(s): Charge: is required but empty", record.Validate().ToString());
    }
}
