using System.Net;
using System.Text.Json;
using UsageSchema.Perseus.Client;
using UsageSchema.Validation;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// Collapsing a batch by upsert key, and keeping invalid reports back. These depend on the spec
/// source generator, which gives <c>UsageReport</c> upsert-key equality and <see cref="IValidatable"/>.
/// </summary>
public class PerseusCollapseTests
{
    [Fact]
    public void Reports_with_the_same_upsert_key_collapse_to_the_last_one_with_the_window_compared_as_instants()
    {
        var first = TestRecords.Report(value: 1);
        var other = TestRecords.Report("other-resource", value: 2);
        var last = TestRecords.Report(value: 3, start: "2024-02-29T19:00:00-05:00", end: "2024-03-01T19:00:00-05:00");

        var (kept, collapsed) = UsageReportBatch.Collapse([first, other, last]);

        Assert.Equal(1, collapsed);
        Assert.Equal([other, last], kept);
    }

    [Fact]
    public void Reports_that_differ_in_user_partition_or_priority_do_not_collapse()
    {
        var plain = TestRecords.Report();
        var user = TestRecords.Report();
        user.User = "jdoe";
        var partition = TestRecords.Report();
        partition.Partition = "gpu";
        var priority = TestRecords.Report();
        priority.Priority = "high";

        var (kept, collapsed) = UsageReportBatch.Collapse([plain, user, partition, priority]);

        Assert.Equal(0, collapsed);
        Assert.Equal(4, kept.Count);
    }

    [Fact]
    public async Task The_service_never_sees_two_versions_of_a_report_in_one_batch_and_the_result_counts_them()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK));
        var client = ClientFactory.Perseus(handler);

        var result = await client.ReportAsync([TestRecords.Report(value: 1), TestRecords.Report("b", value: 5), TestRecords.Report(value: 2), TestRecords.Report(value: 3)]);

        Assert.Equal(2, result.CollapsedCount);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal([("b", 5.0), ("noctua2-cpu", 3.0)], handler.Requests.Select(request =>
        {
            using var body = JsonDocument.Parse(request.Body!);
            return (body.RootElement.GetProperty("resource_id").GetString(), body.RootElement.GetProperty("value").GetDouble());
        }));
        Assert.Equal([1, 3], result.Reports.Select(outcome => outcome.Index));
    }

    [Fact]
    public async Task An_invalid_report_is_kept_back_with_its_violations_and_the_others_are_sent()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK));
        var invalid = TestRecords.Report("x", value: -1);
        invalid.ProjectOid = "not-an-object-id";

        var result = await ClientFactory.Perseus(handler).ReportAsync([TestRecords.Report("a"), invalid, TestRecords.Report("c")]);

        var failure = Assert.Single(result.LocalFailures);
        Assert.Equal(1, failure.Index);
        Assert.Contains(failure.Violations, violation => violation.Path == "project_oid");
        Assert.Contains(failure.Violations, violation => violation.Path == "value" && violation.Rule == ValidationRule.Minimum);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_single_invalid_report_throws_and_sends_nothing()
    {
        var handler = new ScriptedHandler();
        var invalid = TestRecords.Report(start: "2024-03-02T00:00:00Z", end: "2024-03-01T00:00:00Z");

        var error = await Assert.ThrowsAsync<UsageValidationException>(() => ClientFactory.Perseus(handler).ReportAsync(invalid));

        Assert.Contains(error.Violations, violation => violation.Rule == ValidationRule.CrossField);
        Assert.Empty(handler.Requests);
    }
}
