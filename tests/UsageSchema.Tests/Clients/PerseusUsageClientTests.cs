using System.Net;
using UsageSchema.Errors;
using UsageSchema.Perseus;
using UsageSchema.Perseus.Client;

namespace UsageSchema.Tests.Clients;

public class PerseusUsageClientTests
{
    private const string MinimalBody =
        "{\"project_oid\":\"65e1f0a2b3c4d5e6f7a8b9c0\",\"compute_project_id\":\"hpc-prf-abc\",\"resource_id\":\"noctua2-cpu\"," +
        "\"start\":\"2024-03-01T00:00:00.000Z\",\"end\":\"2024-03-02T00:00:00.000Z\",\"value\":3600}";

    [Fact]
    public async Task A_report_is_posted_under_the_proxy_prefix_with_the_token_header_and_its_exact_json()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.Created, "{\"result\": true}");
        var client = ClientFactory.Perseus(handler);

        var outcome = await client.ReportAsync(TestRecords.Report());

        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"https://perseus.example.org/api/{PerseusOperations.ReportUsage.RelativePath("65e1f0a2b3c4d5e6f7a8b9c0")}", request.Uri.AbsoluteUri);
        Assert.Equal($"Accept: application/json\n{PerseusOperations.SecuritySchemes.PerseusToken}: {TestRecords.PerseusToken}", request.HeaderLines);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(MinimalBody, request.BodyText);
        Assert.Equal(201, outcome.StatusCode);
        Assert.True(outcome.Succeeded);
    }

    [Theory]
    [InlineData("https://perseus.example.org/api/", "https://perseus.example.org/api/service/UsageReporting/65e1f0a2b3c4d5e6f7a8b9c0")]
    [InlineData("https://perseus.example.org", "https://perseus.example.org/service/UsageReporting/65e1f0a2b3c4d5e6f7a8b9c0")]
    [InlineData("https://hpc.example.edu/perseus/api", "https://hpc.example.edu/perseus/api/service/UsageReporting/65e1f0a2b3c4d5e6f7a8b9c0")]
    [InlineData("http://localhost:5080/api", "http://localhost:5080/api/service/UsageReporting/65e1f0a2b3c4d5e6f7a8b9c0")]
    public async Task Any_base_url_prefix_is_kept(string baseAddress, string expected)
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.NoContent);

        await ClientFactory.Perseus(handler, options => options.BaseAddress = new Uri(baseAddress)).ReportAsync(TestRecords.Report());

        Assert.Equal(expected, Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData(200, "{\"result\": true}")]
    [InlineData(201, "{\"id\": \"whatever\"}")]
    [InlineData(204, "")]
    [InlineData(200, "[]")]
    public async Task A_success_status_with_a_json_answer_or_204_is_accepted(int status, string body)
    {
        var handler = new ScriptedHandler().Then((HttpStatusCode)status, body);

        var outcome = await ClientFactory.Perseus(handler).ReportAsync(TestRecords.Report());

        Assert.Equal(status, outcome.StatusCode);
        Assert.True(outcome.Succeeded);
    }

    [Fact]
    public async Task A_batch_is_sent_one_report_per_request_in_order()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, "{\"result\": true}"));
        var reports = new[] { TestRecords.Report("a"), TestRecords.Report("b"), TestRecords.Report("c") };

        var result = await ClientFactory.Perseus(handler).ReportAsync(reports);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(["a", "b", "c"], handler.Requests.Select(request => System.Text.Json.JsonDocument.Parse(request.Body!).RootElement.GetProperty("resource_id").GetString()));
        Assert.Equal([0, 1, 2], result.Reports.Select(outcome => outcome.Index));
        Assert.True(result.Succeeded);
        Assert.Equal(0, result.CollapsedCount);
    }

    [Fact]
    public async Task A_rejected_report_is_reported_with_the_portals_message_and_the_batch_goes_on()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.OK)
            .Then(HttpStatusCode.UnprocessableEntity, "{\"detail\":[{\"loc\":[\"body\",\"resource_id\"],\"msg\":\"unknown resource\"}]}")
            .Then(HttpStatusCode.OK);

        var result = await ClientFactory.Perseus(handler).ReportAsync([TestRecords.Report("a"), TestRecords.Report("nope"), TestRecords.Report("c")]);

        Assert.Equal(3, handler.Requests.Count);
        var error = Assert.IsType<ServiceRejectedException>(result.Reports[1].Error);
        Assert.Equal("body.resource_id: unknown resource", error.ServiceMessage);
        Assert.Equal($"/api/{PerseusOperations.ReportUsage.RelativePath("65e1f0a2b3c4d5e6f7a8b9c0")}", error.Request?.Path);
        Assert.True(result.Completed);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_refused_token_stops_the_batch()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.Unauthorized, "{\"message\":\"invalid token\"}");

        var result = await ClientFactory.Perseus(handler).ReportAsync([TestRecords.Report("a"), TestRecords.Report("b")]);

        Assert.Single(handler.Requests);
        Assert.IsType<ServiceAuthenticationException>(result.StoppedBy);
        Assert.Equal("invalid token", result.StoppedBy!.ServiceMessage);
        Assert.False(result.Completed);
    }

    [Fact]
    public async Task A_null_report_is_kept_back_and_the_others_are_sent()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK));

        var result = await ClientFactory.Perseus(handler).ReportAsync([TestRecords.Report("a"), null, TestRecords.Report("c")]);

        Assert.Equal(1, Assert.Single(result.LocalFailures).Index);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal([0, 2], result.Reports.Select(outcome => outcome.Index));
    }

    [Fact]
    public async Task A_single_report_that_fails_throws_the_failure()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.InternalServerError, "{\"error\":\"database is down\"}"));

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => ClientFactory.Perseus(handler).ReportAsync(TestRecords.Report()));

        Assert.Equal(3, error.Attempts);
        Assert.Equal("database is down", error.ServiceMessage);
    }

    [Fact]
    public void Used_contingent_is_computed_as_the_portal_does()
    {
        var report = TestRecords.Report(value: 1234.5);
        report.ContingentFactor = 1.5;
        report.AdditionalMetrics = [new AdditionalMetric { MetricId = "gpu_hours", Value = 96, ContingentFactor = 2.5 }, new AdditionalMetric { MetricId = "energy", Value = 200 }];
        report.AdditionalResources = [new AdditionalResource { ResourceId = "gpu", Value = 48, ContingentFactor = 4 }, new AdditionalResource { ResourceId = "scratch", Value = 10, ContingentFactor = 0 }];

        // 1234.5 × 1.5 + 48 × 4 + 10 × 0 + 96 × 2.5 + 200 × 1 (the default factor).
        Assert.Equal(1851.75 + 192 + 0 + 240 + 200, UsedContingent.Of(report), precision: 9);
    }

    [Fact]
    public void Used_contingent_of_a_bare_report_is_its_value_and_a_factor_of_0_counts_nothing()
    {
        var report = TestRecords.Report(value: 42);

        Assert.Equal(42, UsedContingent.Of(report));
        report.ContingentFactor = 0;
        Assert.Equal(0, UsedContingent.Of(report));
    }
}
