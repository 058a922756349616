using System.Net;
using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.GatewayAttributes;

namespace UsageSchema.Emulator.Tests;

public sealed class GatewayEmulatorTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 1, 14, 32, 0, TimeSpan.FromHours(-7));

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));

    [Fact]
    public async Task Submission_is_staged_with_the_documented_plain_text_reply()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var reply = await emulator.Gateway().SubmitAsync("John Doe", "expanse.sdsc.xsede.org", "4937919", Submitted, software: "gromacs");

        Assert.Equal(JobAttributesReplyKind.Staged, reply.Kind);
        Assert.Equal(
            "Job attributes:\n  Job: 4937919\n  Job submitted: 2026-03-01 14:32:00-0700\n  Resource Name: expanse.sdsc.xsede.org\n  Gateway Name: emulator-gateway\n  Gateway User: John Doe\n",
            reply.Text);
        Assert.Equal("4937919", reply.JobId);
        Assert.Equal("John Doe", reply.GatewayUser);
    }

    [Fact]
    public async Task Jobs_are_read_back_by_key_by_project_and_by_resource_and_user()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var client = emulator.Gateway();
        await client.SubmitAsync("alice", "expanse.sdsc.xsede.org", "1", Submitted);
        await client.SubmitAsync("bob", "expanse.sdsc.xsede.org", "2", Submitted.AddDays(3));
        await client.SubmitAsync("alice", "expanse.sdsc.xsede.org", "1", Submitted); // re-sent: still one job

        var last = await client.GetLastJobsAsync();
        Assert.Equal(2, last.Result!.Count);

        var byProject = await client.GetJobsByProjectAsync("TG-EMU000000", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2));
        var job = Assert.Single(byProject.Result!);
        Assert.Equal("1", job.LocalJobId);
        Assert.Equal("TG-EMU000000", job.ChargeNumber);
        Assert.Equal("expanse.sdsc.xsede.org", job.ResourceName);

        Assert.Empty((await client.GetJobsByProjectAsync("TG-OTHER", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))).Result!);
        var byUser = await client.GetJobsByResourceUserAsync("expanse.sdsc.xsede.org", "bob", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        Assert.Equal("2", Assert.Single(byUser.Result!).LocalJobId);
    }

    [Fact]
    public async Task Unknown_resource_is_answered_with_the_valid_names()
    {
        await using var emulator = await EmulatorFixture.StartAsync(options =>
        {
            options.GatewayResourceNames.Clear();
            options.GatewayResourceNames.Add("a.example.xsede.org");
            options.GatewayResourceNames.Add("b.example.xsede.org");
        });
        var client = emulator.Gateway();

        Assert.Equal(["a.example.xsede.org", "b.example.xsede.org"], await client.GetValidResourceNamesAsync());

        var reply = await client.SubmitAsync("alice", "nowhere.xsede.org", "1", Submitted);
        Assert.Equal(JobAttributesReplyKind.UnknownResource, reply.Kind);
        Assert.EndsWith("Did you mean one of these?\na.example.xsede.org\nb.example.xsede.org\n\n", reply.Text, StringComparison.Ordinal);
        Assert.Empty((await client.GetLastJobsAsync()).Result!);
    }

    [Fact]
    public async Task Debug_is_a_dry_run_that_stores_nothing()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var client = emulator.Gateway();
        var reply = await client.DryRunAsync(new JobAttributes { GatewayUser = "alice", XsedeResourceName = "expanse.sdsc.xsede.org", JobId = "9", SubmitTime = "2026-03-01 14:32:00 UTC" });

        Assert.Equal(JobAttributesReplyKind.DryRun, reply.Kind);
        Assert.EndsWith("Debug specified. Attributes not staged\n", reply.Text, StringComparison.Ordinal);
        Assert.Equal("9", reply.JobId);
        Assert.Empty((await client.GetLastJobsAsync()).Result!);
    }

    [Fact]
    public async Task Legacy_apikey_field_is_accepted_and_a_wrong_key_is_refused()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var uri = new Uri(emulator.Host.GatewayBaseAddress, GatewayAttributesOperations.SubmitJobAttributes.RelativePath());
        using var legacy = await emulator.Http.PostAsync(uri, Form(("gatewayuser", "alice"), ("xsederesourcename", "expanse.sdsc.xsede.org"), ("jobid", "5"),
            ("submittime", "2026-03-01 14:32:00 -07:00"), (GatewayAttributesOperations.SecuritySchemes.LegacyApiKeyField, emulator.Host.Options.GatewayApiKey)));
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Equal(JobAttributesReplyKind.Staged, JobAttributesReply.Parse(await legacy.Content.ReadAsStringAsync()).Kind);

        using var wrong = await emulator.Http.PostAsync(uri, Form(("gatewayuser", "alice"), ("xsederesourcename", "expanse.sdsc.xsede.org"), ("jobid", "5"),
            ("submittime", "2026-03-01 14:32:00"), (GatewayAttributesOperations.SecuritySchemes.LegacyApiKeyField, "wrong")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var error = await Assert.ThrowsAsync<ServiceAuthenticationException>(() =>
            emulator.Gateway(options => options.ApiKey = new Secrets.Secret("wrong")).GetLastJobsAsync());
        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task Invalid_attributes_are_answered_400_listing_the_violations()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Host.GatewayBaseAddress, GatewayAttributesOperations.SubmitJobAttributes.RelativePath()))
        {
            Content = Form(("gatewayuser", "alice"), ("xsederesourcename", "expanse.sdsc.xsede.org"), ("submittime", "yesterday")),
        };
        request.Headers.Add(GatewayAttributesOperations.SecuritySchemes.XaApiKey, emulator.Host.Options.GatewayApiKey);
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("jobid", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("submittime", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Read_back_envelope_has_message_and_result()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        await emulator.Gateway().SubmitAsync("alice", "expanse.sdsc.xsede.org", "1", Submitted);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Host.GatewayBaseAddress, GatewayAttributesOperations.GetLastJobs.RelativePath()));
        request.Headers.Add(GatewayAttributesOperations.SecuritySchemes.XaApiKey, emulator.Host.Options.GatewayApiKey);
        using var response = await emulator.Http.SendAsync(request);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.String, body.RootElement.GetProperty("message").ValueKind);
        var row = Assert.Single(body.RootElement.GetProperty("result").EnumerateArray().ToList());
        Assert.Equal("1", row.GetProperty("local_jobid").GetString());
    }
}
