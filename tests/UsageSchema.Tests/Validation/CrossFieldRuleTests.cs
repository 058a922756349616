using UsageSchema.Validation;
using static UsageSchema.Tests.Validation.ValidationAssert;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// The spec's x-rules compare instants, not text: the same moment may be written in any offset,
/// and the wall-clock text of a later instant can sort before an earlier one.
/// </summary>
public class CrossFieldRuleTests
{
    private static string NotADateTime(string value) =>
        "must be an ISO 8601 date-time with offset, e.g. 2024-03-01T10:00:00-05:00; got '" + value + "'";

    [Fact]
    public void Submit_after_start_breaks_submit_before_start()
    {
        var record = Samples.Compute();
        record.SubmitTime = "2024-03-01T10:00:01-05:00";
        record.StartTime = "2024-03-01T10:00:00-05:00";

        Violations(record, V(
            "SubmitTime",
            ValidationRule.CrossField,
            "must be <= StartTime (rule 'SubmitTime <= StartTime'); got '2024-03-01T10:00:01-05:00' and '2024-03-01T10:00:00-05:00'"));
    }

    [Fact]
    public void Start_after_end_breaks_start_before_end()
    {
        var record = Samples.Compute();
        record.StartTime = "2024-03-01T12:00:00-05:00";
        record.EndTime = "2024-03-01T11:59:59.9999999-05:00";

        Violations(record, V(
            "StartTime",
            ValidationRule.CrossField,
            "must be <= EndTime (rule 'StartTime <= EndTime'); got '2024-03-01T12:00:00-05:00' and '2024-03-01T11:59:59.9999999-05:00'"));
    }

    [Fact]
    public void Equal_times_keep_rules_that_allow_equality()
    {
        var record = Samples.Compute();
        record.SubmitTime = "2024-03-01T10:00:00Z";
        record.StartTime = "2024-03-01T10:00:00Z";
        record.EndTime = "2024-03-01T10:00:00Z";

        Valid(record);
    }

    [Fact]
    public void Same_instant_written_in_two_offsets_is_equal_for_the_rules()
    {
        // 11:00+01:00, 10:00Z and 05:00-05:00 are one instant.
        var record = Samples.Compute();
        record.SubmitTime = "2024-03-01T11:00:00+01:00";
        record.StartTime = "2024-03-01T10:00:00Z";
        record.EndTime = "2024-03-01T05:00:00-05:00";

        Valid(record);
    }

    [Fact]
    public void Rules_compare_instants_not_wall_clock_text()
    {
        // Textually the start (10:00) sorts after the end (06:00), but 10:00+05:00 is 05:00Z.
        var record = Samples.Compute();
        record.SubmitTime = "2024-03-01T04:00:00Z";
        record.StartTime = "2024-03-01T10:00:00+05:00";
        record.EndTime = "2024-03-01T06:00:00Z";
        Valid(record);

        // And the other way round: 09:00-05:00 is 14:00Z, after an end of 12:00Z.
        record.StartTime = "2024-03-01T09:00:00-05:00";
        record.EndTime = "2024-03-01T12:00:00Z";
        Violations(record, V(
            "StartTime",
            ValidationRule.CrossField,
            "must be <= EndTime (rule 'StartTime <= EndTime'); got '2024-03-01T09:00:00-05:00' and '2024-03-01T12:00:00Z'"));
    }

    [Fact]
    public void Both_compute_rules_broken_are_both_reported()
    {
        var record = Samples.Compute();
        record.SubmitTime = "2024-03-03T00:00:00Z";
        record.StartTime = "2024-03-02T00:00:00Z";
        record.EndTime = "2024-03-01T00:00:00Z";

        Violations(
            record,
            V("SubmitTime", ValidationRule.CrossField, "must be <= StartTime (rule 'SubmitTime <= StartTime'); got '2024-03-03T00:00:00Z' and '2024-03-02T00:00:00Z'"),
            V("StartTime", ValidationRule.CrossField, "must be <= EndTime (rule 'StartTime <= EndTime'); got '2024-03-02T00:00:00Z' and '2024-03-01T00:00:00Z'"));
    }

    [Fact]
    public void Invalid_date_in_a_rule_reports_only_the_date_time_violation()
    {
        // "2099-..." without an offset would sort after StartTime as text; it must not be compared at all.
        var record = Samples.Compute();
        record.SubmitTime = "2099-01-01T00:00:00";

        Violations(record, V("SubmitTime", ValidationRule.DateTime, NotADateTime("2099-01-01T00:00:00")));
    }

    [Fact]
    public void Missing_date_in_a_rule_reports_only_the_required_violation()
    {
        var record = Samples.Compute();
        record.EndTime = null!;

        Violations(record, V("EndTime", ValidationRule.Required, "is required but missing"));
    }

    [Fact]
    public void Perseus_start_before_end_keeps_the_rule()
    {
        var report = Samples.Report();
        report.Start = "2024-03-01T00:00:00Z";
        report.End = "2024-03-01T00:00:00.0000001Z";

        Valid(report);
    }

    [Fact]
    public void Perseus_zero_length_window_is_allowed()
    {
        // The PERSEUS docs do not forbid start == end: the rule is start <= end.
        var report = Samples.Report();
        report.Start = "2024-03-01T00:00:00Z";
        report.End = "2024-03-01T00:00:00Z";

        Valid(report);
    }

    [Fact]
    public void Perseus_zero_length_window_in_another_offset_is_allowed()
    {
        // Different text, same instant.
        var report = Samples.Report();
        report.Start = "2024-03-01T01:00:00+01:00";
        report.End = "2024-03-01T00:00:00Z";

        Valid(report);
    }

    [Fact]
    public void Perseus_end_before_start_breaks_the_rule()
    {
        var report = Samples.Report();
        report.Start = "2024-03-01T00:00:00.001Z";
        report.End = "2024-03-01T00:00:00Z";

        Violations(report, V(
            "start",
            ValidationRule.CrossField,
            "must be <= end (rule 'start <= end'); got '2024-03-01T00:00:00.001Z' and '2024-03-01T00:00:00Z'"));
    }

    [Fact]
    public void Perseus_invalid_end_reports_only_the_date_time_violation()
    {
        var report = Samples.Report();
        report.End = "2024-02-30T00:00:00Z";

        Violations(report, V("end", ValidationRule.DateTime, NotADateTime("2024-02-30T00:00:00Z")));
    }
}
