using UsageSchema.Amie;
using UsageSchema.Validation;
using static UsageSchema.Tests.Validation.ValidationAssert;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// One record that breaks each rule the AMIE spec declares and one that keeps it, on the real
/// generated types. Messages are compared in full because they are what an operator reads.
/// </summary>
public class AmieRuleTests
{
    private const string ChargePattern = @"must match the pattern ^-?[0-9]+(\.[0-9]+)?$; got ";

    private static string NotADateTime(string value) =>
        "must be an ISO 8601 date-time with offset, e.g. 2024-03-01T10:00:00-05:00; got '" + value + "'";

    [Fact]
    public void Sample_records_are_valid()
    {
        // Every other test relies on the samples breaking nothing.
        Valid(Samples.Compute());
        Valid(Samples.Adjustment());
        Valid(Samples.ComputeMessage(5));
    }

    [Fact]
    public void Required_string_that_is_null_is_missing()
    {
        var record = Samples.Compute();
        record.Username = null!;

        Violations(record, V("Username", ValidationRule.Required, "is required but missing"));
    }

    [Fact]
    public void Required_string_that_is_empty_is_reported_as_empty()
    {
        // A present-but-empty value must be told apart from a missing one: the fix differs.
        var record = Samples.Compute();
        record.LocalRecordId = string.Empty;

        Violations(record, V("LocalRecordID", ValidationRule.Required, "is required but empty"));
    }

    [Fact]
    public void Required_nested_object_that_is_null_is_missing()
    {
        var record = Samples.Compute();
        record.Attributes = null!;

        Violations(record, V("Attributes", ValidationRule.Required, "is required but missing"));
    }

    [Fact]
    public void Optional_parent_record_id_may_be_absent_or_non_empty()
    {
        var record = Samples.Compute();
        record.ParentRecordId = null;
        Valid(record);

        record.ParentRecordId = "job-0";
        Valid(record);
    }

    [Fact]
    public void Optional_parent_record_id_that_is_empty_breaks_min_length()
    {
        var record = Samples.Compute();
        record.ParentRecordId = string.Empty;

        Violations(record, V("ParentRecordID", ValidationRule.MinLength, "must be at least 1 character(s) long; got 0"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("12.5")]
    [InlineData("-3")]
    [InlineData("-0.000001")]
    public void Charge_that_is_a_decimal_number_keeps_the_pattern(string charge)
    {
        var record = Samples.Compute();
        record.Charge = charge;

        Valid(record);
    }

    [Fact]
    public void Charge_that_is_not_a_number_breaks_the_pattern()
    {
        var record = Samples.Compute();
        record.Charge = "abc";

        Violations(record, V("Charge", ValidationRule.Pattern, ChargePattern + "'abc'"));
    }

    [Fact]
    public void Charge_with_a_trailing_newline_breaks_the_pattern()
    {
        // .NET's '$' also matches before a final newline; the spec's pattern means end of text.
        var record = Samples.Compute();
        record.Charge = "1.5\n";

        Violations(record, V("Charge", ValidationRule.Pattern, ChargePattern + "'1.5\\n'"));
    }

    [Theory]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1")]
    [InlineData("1e3")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("١٢")] // Arabic-Indic digits: [0-9] must not mean "any Unicode digit".
    public void Charge_in_other_number_spellings_breaks_the_pattern(string charge)
    {
        var record = Samples.Adjustment();
        record.Charge = charge;

        Violations(record, V("Charge", ValidationRule.Pattern, ChargePattern + "'" + charge + "'"));
    }

    [Theory]
    [InlineData(AdjustmentType.Credit)]
    [InlineData(AdjustmentType.StorageDebit)]
    public void Adjustment_type_that_is_defined_keeps_the_enum(AdjustmentType type)
    {
        var record = Samples.Adjustment();
        record.AdjustmentType = type;

        Valid(record);
    }

    [Fact]
    public void Adjustment_type_cast_from_an_undefined_number_breaks_the_enum()
    {
        // The only way to get an undefined value into a C# enum; the wire names are listed so the reader sees the choices.
        var record = Samples.Adjustment();
        record.AdjustmentType = (AdjustmentType)42;

        Violations(record, V(
            "AdjustmentType",
            ValidationRule.Enum,
            "must be one of credit, refund, storage-credit, debit, reservation, storage-debit; got the undefined value 42"));
    }

    [Fact]
    public void Node_count_of_one_keeps_the_minimum()
    {
        var record = Samples.Compute();
        record.Attributes.NodeCount = 1;

        Valid(record);
    }

    [Fact]
    public void Node_count_of_zero_breaks_the_minimum_at_its_nested_path()
    {
        var record = Samples.Compute();
        record.Attributes.NodeCount = 0;

        Violations(record, V("Attributes.NodeCount", ValidationRule.Minimum, "must be >= 1; got 0"));
    }

    [Fact]
    public void Optional_cpu_core_count_is_checked_only_when_present()
    {
        var record = Samples.Compute();
        record.Attributes.CpuCoreCount = null;
        Valid(record);

        record.Attributes.CpuCoreCount = 0;
        Violations(record, V("Attributes.CpuCoreCount", ValidationRule.Minimum, "must be >= 1; got 0"));
    }

    [Theory]
    [InlineData("2024-03-01T10:00:00Z")]
    [InlineData("2024-03-01T10:00:00+05:30")]
    [InlineData("2024-03-01T10:00:00.123456-05:00")]
    [InlineData("2024-02-29T10:00:00Z")]
    public void Start_time_with_an_offset_keeps_date_time(string start)
    {
        var record = Samples.Compute();
        record.SubmitTime = start;
        record.StartTime = start;
        record.EndTime = start;

        Valid(record);
    }

    [Theory]
    [InlineData("2024-03-01 10:00:00")] // space instead of T, no offset
    [InlineData("2024-03-01T10:00:00")] // no offset: the instant is unknown
    [InlineData("2024-02-30T10:00:00Z")] // no such day
    [InlineData("2023-02-29T10:00:00Z")] // not a leap year
    [InlineData("2024-03-01")] // a date alone
    [InlineData("03/01/2024 10:00:00 +00:00")] // a culture's format
    public void Start_time_that_is_not_iso_8601_with_offset_breaks_date_time(string start)
    {
        // Only the DateTime violation: a cross-field rule over a value that is not a date-time has
        // nothing to compare, and reporting it twice would bury the real problem.
        var record = Samples.Compute();
        record.StartTime = start;

        Violations(record, V("StartTime", ValidationRule.DateTime, NotADateTime(start)));
    }

    [Fact]
    public void Adjustment_start_time_without_offset_breaks_date_time()
    {
        var record = Samples.Adjustment();
        record.StartTime = "2024-03-01T10:00:00";

        Violations(record, V("StartTime", ValidationRule.DateTime, NotADateTime("2024-03-01T10:00:00")));
    }

    [Fact]
    public void Message_with_records_keeps_min_items()
    {
        Valid(Samples.ComputeMessage(1));
    }

    [Fact]
    public void Message_with_no_records_breaks_min_items()
    {
        var message = Samples.ComputeMessage(0);

        Violations(message, V("Records", ValidationRule.MinItems, "must have at least 1 item(s); has 0"));
    }

    [Fact]
    public void Message_with_null_records_is_missing_them()
    {
        var message = Samples.ComputeMessage(0);
        message.Records = null!;

        Violations(message, V("Records", ValidationRule.Required, "is required but missing"));
    }

    [Fact]
    public void Violation_inside_the_fourth_record_carries_the_full_wire_path()
    {
        var message = Samples.ComputeMessage(5);
        message.Records[3].Attributes.NodeCount = 0;

        Violations(message, V("Records[3].Attributes.NodeCount", ValidationRule.Minimum, "must be >= 1; got 0"));
    }

    [Fact]
    public void Null_record_in_a_message_is_reported_at_its_index()
    {
        var message = Samples.ComputeMessage(3);
        message.Records[1] = null!;

        Violations(message, V("Records[1]", ValidationRule.Required, "is null; items must be objects"));
    }

    [Fact]
    public void Violations_in_several_records_are_all_reported_in_record_order()
    {
        var message = Samples.ComputeMessage(4);
        message.Records[0].Charge = "x";
        message.Records[2].Resource = string.Empty;
        message.Records[3] = null!;

        Violations(
            message,
            V("Records[0].Charge", ValidationRule.Pattern, ChargePattern + "'x'"),
            V("Records[2].Resource", ValidationRule.Required, "is required but empty"),
            V("Records[3]", ValidationRule.Required, "is null; items must be objects"));
    }

    [Fact]
    public void Message_seen_as_its_abstract_base_validates_its_records()
    {
        // Senders hold UsageMessage; the override must run, not a base check that finds nothing.
        UsageMessage message = Samples.ComputeMessage(2);
        ((ComputeUsageMessage)message).Records[1].Attributes.NodeCount = 0;

        Violations(message, V("Records[1].Attributes.NodeCount", ValidationRule.Minimum, "must be >= 1; got 0"));
    }

    [Fact]
    public void Record_breaking_five_rules_reports_exactly_those_five_in_spec_order()
    {
        var record = Samples.Compute();
        record.Username = null!;                         // Required
        record.StartTime = "2024-03-01 10:00:00";        // DateTime (and so no cross-field check)
        record.Charge = "abc";                           // Pattern
        record.Attributes.NodeCount = 0;                 // Minimum, nested
        record.ParentRecordId = string.Empty;            // MinLength

        Violations(
            record,
            V("Username", ValidationRule.Required, "is required but missing"),
            V("StartTime", ValidationRule.DateTime, NotADateTime("2024-03-01 10:00:00")),
            V("Charge", ValidationRule.Pattern, ChargePattern + "'abc'"),
            V("Attributes.NodeCount", ValidationRule.Minimum, "must be >= 1; got 0"),
            V("ParentRecordID", ValidationRule.MinLength, "must be at least 1 character(s) long; got 0"));
    }
}
