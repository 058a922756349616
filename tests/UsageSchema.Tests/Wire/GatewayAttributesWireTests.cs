using System.Text.Json;
using UsageSchema.GatewayAttributes;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Wire;

public class GatewayAttributesWireTests
{
    [Fact]
    public void Staged_reply_from_the_docs_parses_into_its_attributes()
    {
        var reply = JobAttributesReply.Parse(Fixture.Read("gateway/reply-staged.txt"));

        Assert.Equal(JobAttributesReplyKind.Staged, reply.Kind);
        Assert.Equal("4937919", reply.JobId);
        Assert.Equal("2019-05-31 14:32:00-0700", reply.JobSubmitted);
        Assert.Equal("comet.sdsc.xsede", reply.ResourceName);
        Assert.Equal("xsede-example-gateway", reply.GatewayName);
        Assert.Equal("John Doe", reply.GatewayUser);
        Assert.Empty(reply.SuggestedResourceNames);
    }

    [Fact]
    public void Unknown_resource_reply_lists_the_suggested_names_up_to_the_blank_line()
    {
        var reply = JobAttributesReply.Parse(Fixture.Read("gateway/reply-unknown-resource.txt"));

        Assert.Equal(JobAttributesReplyKind.UnknownResource, reply.Kind);
        Assert.Equal(["anvil.purdue.access-ci.org", "delta.ncsa.access-ci.org", "expanse.sdsc.xsede.org"], reply.SuggestedResourceNames);
    }

    [Fact]
    public void Suggestions_end_at_a_line_starting_with_a_star()
    {
        var reply = JobAttributesReply.Parse(Fixture.Read("gateway/reply-unknown-resource-starred.txt"));

        Assert.Equal(JobAttributesReplyKind.UnknownResource, reply.Kind);
        Assert.Equal(["expanse.sdsc.xsede.org", "bridges2.psc.xsede.org"], reply.SuggestedResourceNames);
    }

    [Fact]
    public void Suggestions_end_at_an_indented_star_line_too()
    {
        var reply = JobAttributesReply.Parse("Did you mean one of these?\n  anvil.purdue.access-ci.org\n  ** end of list **\n  delta.ncsa.access-ci.org\n");

        Assert.Equal(["anvil.purdue.access-ci.org"], reply.SuggestedResourceNames);
    }

    [Fact]
    public void Suggestions_on_the_marker_line_itself_are_kept()
    {
        var reply = JobAttributesReply.Parse("Did you mean one of these? anvil.purdue.access-ci.org\r\ndelta.ncsa.access-ci.org\r\n");

        Assert.Equal(["anvil.purdue.access-ci.org", "delta.ncsa.access-ci.org"], reply.SuggestedResourceNames);
    }

    [Fact]
    public void Debug_reply_is_a_dry_run_with_the_checked_attributes()
    {
        var reply = JobAttributesReply.Parse(Fixture.Read("gateway/reply-debug.txt"));

        Assert.Equal(JobAttributesReplyKind.DryRun, reply.Kind);
        Assert.Equal("jane@example.org", reply.GatewayUser);
        Assert.Equal("123", reply.JobId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("Job attributes:")]
    public void Any_other_text_is_unrecognized_and_kept_verbatim(string? text)
    {
        var reply = JobAttributesReply.Parse(text);

        Assert.Equal(JobAttributesReplyKind.Unrecognized, reply.Kind);
        Assert.Equal(text ?? string.Empty, reply.Text);
        Assert.Null(reply.JobId);
    }

    [Fact]
    public void Job_rows_read_numbers_strings_and_nulls_as_a_gateway_reader_sees_them()
    {
        // Types as seen by a gateway's reader: numeric wallduration seconds, float charges, times
        // with milliseconds and offset, nulls; an id sent as a number is still read as text.
        const string body = """
            {"message":"ok","result":[{"resource_name":"expanse.sdsc.xsede.org","local_jobid":4937919,"local_charge":12.5,"adjusted_charge":11.875,
            "start_time":"2020-03-30T09:38:47.000-07:00","end_time":null,"submit_time":"2020-03-30T09:30:00.000-07:00","charge_number":"TG-MCB170058",
            "wallduration":3600,"nodecount":2,"processors":"48","queue":null,"gateway_user":"jdoe"}]}
            """;

        var response = JsonSerializer.Deserialize<GatewayJobsResponse>(body, UsageJson.Options)!;

        var job = Assert.Single(response.Result!);
        Assert.Equal(("4937919", 12.5, 11.875), (job.LocalJobId, job.LocalCharge, job.AdjustedCharge));
        Assert.Equal((3600d, 2L, 48L), (job.WallDuration, job.NodeCount, job.Processors));
        Assert.Equal(("2020-03-30T09:38:47.000-07:00", "TG-MCB170058"), (job.StartTime, job.ChargeNumber));
        Assert.Null(job.EndTime);
        Assert.Null(job.Queue);
        Assert.True(job.AdditionalProperties.ContainsKey("gateway_user"));
    }

    [Fact]
    public void Job_row_with_numbers_as_strings_still_reads()
    {
        const string body = """{"result":[{"local_charge":"12.5","wallduration":"3600.5","nodecount":"2"}]}""";

        var job = Assert.Single(JsonSerializer.Deserialize<GatewayJobsResponse>(body, UsageJson.Options)!.Result!);

        Assert.Equal((12.5, 3600.5, 2L), (job.LocalCharge, job.WallDuration, job.NodeCount));
    }
}
