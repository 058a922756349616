using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using UsageSchema.Errors;
using UsageSchema.GatewayAttributes;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Serialization;
using UsageSchema.Tests.Wire;

namespace UsageSchema.Tests.Clients;

public class GatewayAttributesClientTests
{
    private static readonly DateTimeOffset Submitted = new(2024, 3, 1, 9, 41, 7, TimeSpan.FromHours(-5));

    [Fact]
    public async Task Attributes_are_posted_form_encoded_with_the_key_in_the_header_only()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Fixture.Read("gateway/reply-staged.txt"), "text/plain");
        var client = ClientFactory.Gateway(handler);

        var reply = await client.SubmitAsync("jane.doe@example.edu", "expanse.sdsc.xsede.org", "4937919", Submitted, "gromacs 2023.3");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"https://allocations-api.access-ci.org/acdb{GatewayAttributesOperations.SubmitJobAttributes.PathTemplate}", request.Uri.AbsoluteUri);
        Assert.Equal($"Accept: text/plain\n{GatewayAttributesOperations.SecuritySchemes.XaApiKey}: {TestRecords.GatewayKey}", request.HeaderLines);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(
            "gatewayuser=jane.doe%40example.edu&xsederesourcename=expanse.sdsc.xsede.org&jobid=4937919&submittime=2024-03-01+09%3A41%3A07+-05%3A00&software=gromacs+2023.3",
            request.BodyText);
        Assert.Equal(JobAttributesReplyKind.Staged, reply.Kind);
        Assert.Equal("4937919", reply.JobId);
    }

    [Theory]
    [InlineData(-7, "2019-05-31 14:32:00 -07:00")]
    [InlineData(0, "2019-05-31 14:32:00 +00:00")]
    [InlineData(5.5, "2019-05-31 14:32:00 +05:30")]
    public void Submit_time_is_formatted_with_its_own_offset(double offsetHours, string expected)
    {
        var time = new DateTimeOffset(2019, 5, 31, 14, 32, 0, TimeSpan.FromHours(offsetHours));

        Assert.Equal(expected, GatewayAttributesClient.FormatSubmitTime(time));
    }

    [Fact]
    public async Task The_key_on_the_record_is_never_sent_and_the_legacy_field_only_when_configured()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, Fixture.Read("gateway/reply-staged.txt"), "text/plain"));
#pragma warning disable CS0612 // The legacy field is what this test is about.
        var attributes = new JobAttributes { GatewayUser = "John Doe", XsedeResourceName = "comet.sdsc.xsede", JobId = "4937919", SubmitTime = "2019-05-31 14:32:00 -07:00", ApiKey = "key-on-the-record" };
#pragma warning restore CS0612

        await ClientFactory.Gateway(handler).SubmitAsync(attributes);
        await ClientFactory.Gateway(handler, options => options.SendLegacyApiKeyField = true).SubmitAsync(attributes);

        Assert.Equal("gatewayuser=John+Doe&xsederesourcename=comet.sdsc.xsede&jobid=4937919&submittime=2019-05-31+14%3A32%3A00+-07%3A00", handler.Requests[0].BodyText);
        Assert.Equal($"gatewayuser=John+Doe&xsederesourcename=comet.sdsc.xsede&jobid=4937919&submittime=2019-05-31+14%3A32%3A00+-07%3A00&apikey={TestRecords.GatewayKey}", handler.Requests[1].BodyText);
        Assert.Equal(TestRecords.GatewayKey, handler.Requests[1].Header(GatewayAttributesOperations.SecuritySchemes.XaApiKey));
    }

    [Fact]
    public async Task Unknown_fields_added_by_the_caller_are_sent_after_the_known_ones()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Fixture.Read("gateway/reply-staged.txt"), "text/plain");
        var attributes = new JobAttributes { GatewayUser = "u", XsedeResourceName = "expanse.sdsc.xsede.org", JobId = "1", SubmitTime = "2024-03-01 10:00:00 -05:00" };
        attributes.AdditionalProperties["vmid"] = JsonSerializer.SerializeToElement("vm-42");
        attributes.AdditionalProperties["apikey"] = JsonSerializer.SerializeToElement("smuggled");

        await ClientFactory.Gateway(handler).SubmitAsync(attributes);

        Assert.Equal("gatewayuser=u&xsederesourcename=expanse.sdsc.xsede.org&jobid=1&submittime=2024-03-01+10%3A00%3A00+-05%3A00&vmid=vm-42", handler.Requests[0].BodyText);
    }

    [Fact]
    public async Task Unknown_fields_of_every_JSON_kind_go_out_as_text_and_null_not_at_all()
    {
        // As read from a stored payload: a string as its value, null left out, anything else as its JSON text.
        var attributes = JsonSerializer.Deserialize<JobAttributes>(
            """
            {"gatewayuser":"u","xsederesourcename":"expanse.sdsc.xsede.org","jobid":"1","submittime":"2024-03-01 10:00:00 -05:00",
             "vmid":"vm é 42","cores":12.50,"usage":{"a":[1,"x"]},"tags":["a",2],"gone":null,"gpu":true}
            """,
            UsageJson.Options)!;
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Fixture.Read("gateway/reply-staged.txt"), "text/plain");

        await ClientFactory.Gateway(handler).SubmitAsync(attributes);

        Assert.Equal(
            "gatewayuser=u&xsederesourcename=expanse.sdsc.xsede.org&jobid=1&submittime=2024-03-01+10%3A00%3A00+-05%3A00"
            + "&vmid=vm+%C3%A9+42&cores=12.50&usage=%7B%22a%22%3A%5B1%2C%22x%22%5D%7D&tags=%5B%22a%22%2C2%5D&gpu=true",
            handler.Requests[0].BodyText);
    }

    [Fact]
    public async Task A_dry_run_sends_debug_and_returns_the_parsed_reply()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Fixture.Read("gateway/reply-debug.txt"), "text/plain");
        var attributes = new JobAttributes { GatewayUser = "jane@example.org", XsedeResourceName = "expanse.sdsc.xsede.org", JobId = "123", SubmitTime = "2024-03-01 10:00:00 -05:00", Software = "vasp" };

        var reply = await ClientFactory.Gateway(handler).DryRunAsync(attributes);

        Assert.Equal("gatewayuser=jane%40example.org&xsederesourcename=expanse.sdsc.xsede.org&jobid=123&submittime=2024-03-01+10%3A00%3A00+-05%3A00&software=vasp&debug=1", handler.Requests[0].BodyText);
        Assert.Equal(JobAttributesReplyKind.DryRun, reply.Kind);
        Assert.Null(attributes.Debug);
    }

    [Fact]
    public async Task Valid_resource_names_come_from_the_did_you_mean_reply_to_resource_unknown()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Fixture.Read("gateway/reply-unknown-resource.txt"), "text/plain");
        var client = ClientFactory.Gateway(handler, time: new InstantTimeProvider());

        var names = await client.GetValidResourceNamesAsync();

        Assert.Equal(["anvil.purdue.access-ci.org", "delta.ncsa.access-ci.org", "expanse.sdsc.xsede.org"], names);
        Assert.Equal("gatewayuser=resource-name-lookup&xsederesourcename=unknown&jobid=0&submittime=2024-03-01+12%3A00%3A00+%2B00%3A00&debug=1", handler.Requests[0].BodyText);
    }

    [Fact]
    public async Task A_reply_without_names_is_an_unexpected_response()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Fixture.Read("gateway/reply-staged.txt"), "text/plain");

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => ClientFactory.Gateway(handler).GetValidResourceNamesAsync());

        Assert.Contains("lists no resource names", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_back_queries_use_the_documented_paths_and_read_the_envelope()
    {
        const string Jobs = "{\"message\":\"ok\",\"result\":[{\"resource_name\":\"expanse.sdsc.xsede.org\",\"local_jobid\":4937919,\"local_charge\":\"1.5\",\"nodecount\":2,\"queue\":\"compute\"}]}";
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, Jobs));
        var client = ClientFactory.Gateway(handler);

        var byProject = await client.GetJobsByProjectAsync("TG-ABC123456", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31));
        await client.GetJobsByResourceUserAsync("expanse.sdsc.xsede.org", "jane doe@example.org", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31));
        await client.GetLastJobsAsync();

        Assert.Equal(
            [
                $"https://allocations-api.access-ci.org/acdb/{GatewayAttributesOperations.GetJobsByProjectAndDates.RelativePath("TG-ABC123456", "2024-03-01", "2024-03-31")}",
                $"https://allocations-api.access-ci.org/acdb/{GatewayAttributesOperations.GetJobsByResourceUserAndDates.RelativePath("expanse.sdsc.xsede.org", "jane%20doe%40example.org", "2024-03-01", "2024-03-31")}",
                $"https://allocations-api.access-ci.org/acdb{GatewayAttributesOperations.GetLastJobs.PathTemplate}",
            ],
            handler.Requests.Select(request => request.Uri.AbsoluteUri));
        Assert.All(handler.Requests, request => Assert.Equal($"Accept: application/json\n{GatewayAttributesOperations.SecuritySchemes.XaApiKey}: {TestRecords.GatewayKey}", request.HeaderLines));
        var job = Assert.Single(byProject.Result!);
        Assert.Equal("4937919", job.LocalJobId);
        Assert.Equal(2, job.NodeCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>oops</html>")]
    [InlineData("{\"message\":\"ok\",\"result\":[{\"resource_name\":")]
    public async Task An_unreadable_read_back_is_an_unexpected_response(string body)
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, body);

        await Assert.ThrowsAsync<UnexpectedResponseException>(() => ClientFactory.Gateway(handler).GetLastJobsAsync());
    }

    [Fact]
    public async Task A_refused_key_is_reported_with_the_services_text_and_the_key_scrubbed_from_it()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.Forbidden, $"Invalid API key {TestRecords.GatewayKey}", "text/plain");

        var error = await Assert.ThrowsAsync<ServiceAuthenticationException>(() => ClientFactory.Gateway(handler).SubmitAsync("u", "expanse.sdsc.xsede.org", "1", Submitted));

        Assert.Equal("Invalid API key ***", error.ServiceMessage);
        Assert.DoesNotContain(TestRecords.GatewayKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_can_come_from_a_key_file()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var file = KeyFile.Create("header = \"XA-API-Key: from-the-file\"\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Fixture.Read("gateway/reply-staged.txt"), "text/plain");
        var client = ClientFactory.Gateway(handler, options =>
        {
            options.ApiKey = null;
            options.ApiKeyFile = file.Path;
        });

        await client.SubmitAsync("u", "expanse.sdsc.xsede.org", "1", Submitted);

        Assert.Equal("from-the-file", handler.Requests[0].Header(GatewayAttributesOperations.SecuritySchemes.XaApiKey));
    }

    [Fact]
    public void A_client_without_a_key_is_refused_with_a_message_that_says_what_to_set()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ClientFactory.Gateway(new ScriptedHandler(), options => options.ApiKey = null));

        Assert.Contains("GatewayAttributesClientOptions.ApiKey is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_human_readable_last_jobs_answer_is_read_as_its_message_with_no_rows()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, "Last 2 jobs for this key:\n  4937919 expanse \u001b[31mdone\u001b[0m\n  4937920 expanse\n", "text/plain");

        var jobs = await ClientFactory.Gateway(handler).GetLastJobsAsync();

        Assert.Empty(jobs.Result!);
        Assert.Equal("Last 2 jobs for this key:\n  4937919 expanse done\n  4937920 expanse\n", jobs.Message);
    }

    [Theory]
    [InlineData("<html><body>Please log in</body></html>", "text/html")]
    [InlineData("Last jobs", "application/json")]
    public async Task A_last_jobs_answer_that_is_neither_text_nor_json_is_an_unexpected_response(string body, string mediaType)
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, body, mediaType);

        await Assert.ThrowsAsync<UnexpectedResponseException>(() => ClientFactory.Gateway(handler).GetLastJobsAsync());
    }

    [Fact]
    public async Task Suggested_resource_names_come_without_the_services_terminal_escapes()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, "Did you mean one of these?\n\u001b]0;pwned\u0007expanse.sdsc.xsede.org\n\u001b[2Jbridges2.psc.xsede.org\n\n", "text/plain");

        var reply = await ClientFactory.Gateway(handler).SubmitAsync("u@x.edu", "unknown", "1", DateTimeOffset.UnixEpoch);

        Assert.Equal(["expanse.sdsc.xsede.org", "bridges2.psc.xsede.org"], reply.SuggestedResourceNames);
    }
}
