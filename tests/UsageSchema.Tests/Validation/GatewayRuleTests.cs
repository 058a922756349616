using UsageSchema.Validation;
using static UsageSchema.Tests.Validation.ValidationAssert;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// The gateway attributes API is not RFC 3339: its submit time is a pattern, not a date-time format,
/// so these tests pin exactly which spellings pass.
/// </summary>
public class GatewayRuleTests
{
    private const string ResourcePattern = @"must match the pattern ^[A-Za-z0-9][A-Za-z0-9.\-]*$; got ";
    private const string SubmitTimePattern =
        @"must match the pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?( ?([+-][0-9]{2}(:?[0-9]{2})?|Z|UTC|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|HDT|WET|WEST|CET|CEST|EET|EEST))?$; got ";

    [Fact]
    public void Sample_job_is_valid()
    {
        Valid(Samples.Job());
    }

    [Theory]
    [InlineData("expanse.sdsc.access-ci.org")]
    [InlineData("A")]
    [InlineData("stampede3-1")]
    public void Resource_name_of_host_characters_keeps_the_pattern(string name)
    {
        var job = Samples.Job();
        job.XsedeResourceName = name;

        Valid(job);
    }

    [Theory]
    [InlineData("bad name!")]
    [InlineData("-leading-hyphen")]
    [InlineData(".leading-dot")]
    [InlineData("trailing-newline\n")]
    public void Resource_name_with_other_characters_breaks_the_pattern(string name)
    {
        var job = Samples.Job();
        job.XsedeResourceName = name;

        Violations(job, V("xsederesourcename", ValidationRule.Pattern, ResourcePattern + "'" + name.Replace("\n", "\\n", StringComparison.Ordinal) + "'"));
    }

    // Every form seen in live clients (api-facts "More gateway facts"): `date '+%F %T %:z'`, no
    // colon, no zone, UTC without seconds (a GIS gateway), %Z abbreviations without seconds
    // (COSMIC²), Z, a T separator, fractional seconds; and what this client sends.
    [Theory]
    [InlineData("2019-05-31 14:32:00 -07:00")]
    [InlineData("2019-05-31 14:32:00-07:00")]
    [InlineData("2019-05-31 14:32:00 -0700")]
    [InlineData("2019-05-31 14:32:00-0700")]
    [InlineData("2019-05-31 14:32:00 +05:30")]
    [InlineData("2019-05-31 14:32:00 -07")]
    [InlineData("2019-05-31 14:32:00")]
    [InlineData("2019-05-31 14:32")]
    [InlineData("2019-05-31 14:32:00 UTC")]
    [InlineData("2019-05-31 14:32 UTC")]
    [InlineData("2019-05-31 14:32 PST")]
    [InlineData("2019-05-31 14:32:00 PDT")]
    [InlineData("2019-05-31 14:32:00 EST")]
    [InlineData("2019-05-31 14:32:00 EDT")]
    [InlineData("2019-05-31 14:32:00 CST")]
    [InlineData("2019-05-31 14:32:00 CDT")]
    [InlineData("2019-05-31 14:32:00 MST")]
    [InlineData("2019-05-31 14:32:00 MDT")]
    [InlineData("2019-05-31 14:32:00 GMT")]
    [InlineData("2019-05-31 14:32:00 CEST")]
    [InlineData("2019-05-31 14:32:00Z")]
    [InlineData("2019-05-31 14:32:00 Z")]
    [InlineData("2019-05-31T14:32:00")]
    [InlineData("2019-05-31T14:32:00-07:00")]
    [InlineData("2019-05-31T14:32:00Z")]
    [InlineData("2019-05-31T14:32:00.123Z")]
    [InlineData("2019-05-31 14:32:00.5 -07:00")]
    [InlineData("2020-03-30T09:38:47.000-07:00")]
    public void Submit_time_in_every_form_seen_keeps_the_pattern(string submitTime)
    {
        var job = Samples.Job();
        job.SubmitTime = submitTime;

        Valid(job);
    }

    [Fact]
    public void Submit_time_the_client_formats_itself_keeps_the_pattern()
    {
        var job = Samples.Job();
        job.SubmitTime = UsageSchema.GatewayAttributes.Client.GatewayAttributesClient.FormatSubmitTime(new DateTimeOffset(2019, 5, 31, 14, 32, 0, TimeSpan.FromHours(-7)));

        Assert.Equal("2019-05-31 14:32:00 -07:00", job.SubmitTime);
        Valid(job);
    }

    // No rule reads these: a date alone, an ambiguous or unknown zone name, a zone in lower case,
    // a 12-hour clock, an epoch number, a trailing newline, seven-digit offsets.
    [Theory]
    [InlineData("2019-05-31")]
    [InlineData("2019-05-31 14:32:00 IST")]
    [InlineData("2019-05-31 14:32:00 BST")]
    [InlineData("2019-05-31 14:32:00 XYZ")]
    [InlineData("2019-05-31 14:32:00 utc")]
    [InlineData("2019-05-31 2:32 PM")]
    [InlineData("1559338320")]
    [InlineData("31/05/2019 14:32")]
    [InlineData("2019-05-31 14:32:00 -07:00\n")]
    [InlineData("2019-05-31 14:32:00 -070000")]
    [InlineData("2019-05-31 14:32:00.1234567890Z")]
    public void Submit_time_no_rule_can_read_is_a_violation_naming_the_field_and_quoting_the_value(string submitTime)
    {
        var job = Samples.Job();
        job.SubmitTime = submitTime;

        Violations(job, V("submittime", ValidationRule.Pattern, SubmitTimePattern + "'" + submitTime.Replace("\n", "\\n", StringComparison.Ordinal) + "'"));
    }

    [Fact]
    public void Required_job_id_null_or_empty()
    {
        var job = Samples.Job();
        job.JobId = null!;
        Violations(job, V("jobid", ValidationRule.Required, "is required but missing"));

        job.JobId = string.Empty;
        Violations(job, V("jobid", ValidationRule.Required, "is required but empty"));
    }
}
