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
        "must match the pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}( ?([+-][0-9]{2}:?[0-9]{2}|UTC|Z))?$; got ";

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

    [Theory]
    [InlineData("2019-05-31 14:32:00 -07:00")]
    [InlineData("2019-05-31 14:32:00")]
    [InlineData("2019-05-31 14:32:00-0700")]
    [InlineData("2019-05-31 14:32:00 UTC")]
    [InlineData("2019-05-31 14:32:00Z")]
    public void Submit_time_in_the_gateway_forms_keeps_the_pattern(string submitTime)
    {
        var job = Samples.Job();
        job.SubmitTime = submitTime;

        Valid(job);
    }

    [Theory]
    [InlineData("2019-05-31T14:32:00")]
    [InlineData("2019-05-31T14:32:00-07:00")]
    [InlineData("2019-05-31")]
    [InlineData("2019-05-31 14:32")]
    [InlineData("2019-05-31 14:32:00 -07:00\n")]
    public void Submit_time_in_other_forms_breaks_the_pattern(string submitTime)
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
