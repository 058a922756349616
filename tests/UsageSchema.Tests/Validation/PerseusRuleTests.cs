using UsageSchema.Perseus;
using UsageSchema.Validation;
using static UsageSchema.Tests.Validation.ValidationAssert;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// The PERSEUS rules on the real <see cref="UsageReport"/>. Paths are the snake_case wire names,
/// because that is what the service's own error messages and its documentation use.
/// </summary>
public class PerseusRuleTests
{
    private const string OidPattern = "must match the pattern ^[0-9a-fA-F]{24}$; got ";

    [Fact]
    public void Sample_report_is_valid()
    {
        Valid(Samples.Report());
    }

    [Fact]
    public void Minimal_report_without_optional_members_is_valid()
    {
        var report = new UsageReport
        {
            ProjectOid = Samples.ProjectOid,
            ComputeProjectId = "p",
            ResourceId = "r",
            Start = "2024-03-01T00:00:00Z",
            End = "2024-03-01T01:00:00Z",
            Value = 0,
        };

        Valid(report);
    }

    [Fact]
    public void Project_oid_in_upper_case_hex_keeps_the_pattern()
    {
        var report = Samples.Report();
        report.ProjectOid = Samples.ProjectOid.ToUpperInvariant();

        Valid(report);
    }

    [Fact]
    public void Project_oid_of_25_hex_characters_breaks_max_length_and_pattern()
    {
        // Both are reported: they are two constraints of the spec, and each message says something different.
        var oid = Samples.ProjectOid + "e";
        var report = Samples.Report();
        report.ProjectOid = oid;

        Violations(
            report,
            V("project_oid", ValidationRule.MaxLength, "must be at most 24 character(s) long; got 25"),
            V("project_oid", ValidationRule.Pattern, OidPattern + "'" + oid + "'"));
    }

    [Fact]
    public void Project_oid_of_23_hex_characters_breaks_min_length_and_pattern()
    {
        var oid = Samples.ProjectOid[..23];
        var report = Samples.Report();
        report.ProjectOid = oid;

        Violations(
            report,
            V("project_oid", ValidationRule.MinLength, "must be at least 24 character(s) long; got 23"),
            V("project_oid", ValidationRule.Pattern, OidPattern + "'" + oid + "'"));
    }

    [Fact]
    public void Project_oid_of_24_non_hex_characters_breaks_only_the_pattern()
    {
        var report = Samples.Report();
        report.ProjectOid = "65f1c0ffee0123456789abcg";

        Violations(report, V("project_oid", ValidationRule.Pattern, OidPattern + "'65f1c0ffee0123456789abcg'"));
    }

    [Fact]
    public void Required_project_oid_null_or_empty()
    {
        var report = Samples.Report();
        report.ProjectOid = null!;
        Violations(report, V("project_oid", ValidationRule.Required, "is required but missing"));

        report.ProjectOid = string.Empty;
        Violations(report, V("project_oid", ValidationRule.Required, "is required but empty"));
    }

    [Fact]
    public void Value_of_zero_keeps_the_minimum()
    {
        var report = Samples.Report();
        report.Value = 0;

        Valid(report);
    }

    [Fact]
    public void Negative_value_breaks_the_minimum()
    {
        var report = Samples.Report();
        report.Value = -1;

        Violations(report, V("value", ValidationRule.Minimum, "must be >= 0; got -1"));
    }

    [Fact]
    public void Value_that_is_not_a_number_is_not_finite()
    {
        // NaN is not a JSON number: UsageJson refuses to write it, so a report that passed
        // validation with it would still fail when sent. It is reported once, as what it is.
        var report = Samples.Report();
        report.Value = double.NaN;

        Violations(report, V("value", ValidationRule.Finite, "must be a finite number; got NaN"));
    }

    [Fact]
    public void Infinite_value_is_not_finite()
    {
        var report = Samples.Report();
        report.Value = double.PositiveInfinity;

        Violations(report, V("value", ValidationRule.Finite, "must be a finite number; got Infinity"));
    }

    [Fact]
    public void Negative_contingent_factor_breaks_the_minimum()
    {
        var report = Samples.Report();
        report.ContingentFactor = -0.5;

        Violations(report, V("contingent_factor", ValidationRule.Minimum, "must be >= 0; got -0.5"));
    }

    [Fact]
    public void Absent_contingent_factor_is_not_checked()
    {
        var report = Samples.Report();
        report.ContingentFactor = null;

        Valid(report);
    }

    [Fact]
    public void Negative_value_of_an_additional_metric_is_reported_at_its_wire_path()
    {
        var report = Samples.Report();
        report.AdditionalMetrics![0].Value = -1;

        Violations(report, V("additional_metrics[0].value", ValidationRule.Minimum, "must be >= 0; got -1"));
    }

    [Fact]
    public void Null_additional_resource_is_reported_at_its_index()
    {
        var report = Samples.Report();
        report.AdditionalResources = [new AdditionalResource { ResourceId = "gpu", Value = 1 }, null!];

        Violations(report, V("additional_resources[1]", ValidationRule.Required, "is null; items must be objects"));
    }

    [Fact]
    public void Empty_optional_user_breaks_min_length()
    {
        var report = Samples.Report();
        report.User = string.Empty;

        Violations(report, V("user", ValidationRule.MinLength, "must be at least 1 character(s) long; got 0"));
    }

    [Theory]
    [InlineData("2024-03-01T00:00:00Z")]
    [InlineData("2024-03-01T00:00:00+05:30")]
    [InlineData("2024-03-01T00:00:00.5-03:00")]
    public void Start_with_offset_keeps_date_time(string start)
    {
        var report = Samples.Report();
        report.Start = start;
        report.End = "2024-03-05T00:00:00Z";

        Valid(report);
    }

    [Fact]
    public void Start_without_offset_breaks_date_time()
    {
        var report = Samples.Report();
        report.Start = "2024-03-01T00:00:00";

        Violations(report, V(
            "start",
            ValidationRule.DateTime,
            "must be an ISO 8601 date-time with offset, e.g. 2024-03-01T10:00:00-05:00; got '2024-03-01T00:00:00'"));
    }
}
