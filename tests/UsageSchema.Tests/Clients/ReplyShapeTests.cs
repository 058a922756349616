using System.Net;
using UsageSchema.Errors;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// Answers of the right JSON kind but not the documented shape (issue 13, item 2): an array item that is null, a
/// failed-records object with neither key, a jobs envelope with neither member. Each read as "nothing" would make
/// <c>failed</c> say none failed, <c>verify</c> see no jobs, or a caller trip over a null far from the answer.
/// </summary>
public class ReplyShapeTests
{
    [Theory]
    [InlineData("{\"foo\": 1}", "neither FailedRecords nor ValidationFailedRecords")]
    [InlineData("{}", "neither FailedRecords nor ValidationFailedRecords")]
    [InlineData("{\"FailedRecords\": [null]}", "item 0 of FailedRecords is null")]
    [InlineData("{\"FailedRecords\": [], \"ValidationFailedRecords\": [{\"UsageType\": \"Compute\"}, null]}", "item 1 of ValidationFailedRecords is null")]
    public async Task Failed_records_that_are_not_the_documented_object_are_unexpected(string body, string named)
    {
        var sender = ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.OK, body));

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => sender.GetFailedRecordsAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"FailedRecords\": []}")]
    [InlineData("{\"ValidationFailedRecords\": []}")]
    public async Task Either_documented_key_alone_is_an_answer(string body)
    {
        var sender = ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.OK, body));

        Assert.Empty(await sender.GetFailedRecordsAsync());
    }

    [Fact]
    public async Task A_status_array_with_a_null_item_is_unexpected()
    {
        var sender = ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.OK, "[null]"));

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => sender.GetStatusAsync());

        Assert.Contains("item 0 of the array is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_answer_with_a_null_failed_record_is_not_counted_as_delivered()
    {
        var sender = ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.OK, "{\"Message\": \"1 records have been queued for loading.\", \"ValidationFailedRecords\": [null]}"));

        var result = await sender.SendAsync(TestRecords.Compute());

        var request = Assert.Single(result.Requests);
        Assert.IsType<UnexpectedResponseException>(request.Error);
        Assert.Contains("item 0 of ValidationFailedRecords is null", request.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"foo\": 1}", "neither message nor result")]
    [InlineData("{\"message\": \"ok\", \"result\": [null]}", "item 0 of result is null")]
    public async Task A_jobs_envelope_that_is_not_the_documented_one_is_unexpected(string body, string named)
    {
        var client = ClientFactory.Gateway(new ScriptedHandler().Then(HttpStatusCode.OK, body));

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => client.GetJobsByProjectAsync("TG-ABC123456", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jobs_envelope_with_a_message_and_no_result_is_no_jobs()
    {
        var client = ClientFactory.Gateway(new ScriptedHandler().Then(HttpStatusCode.OK, "{\"message\": \"no jobs found\"}"));

        var jobs = await client.GetJobsByProjectAsync("TG-ABC123456", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2));

        Assert.Null(jobs.Result);
        Assert.Equal("no jobs found", jobs.Message);
    }

    [Fact]
    public async Task A_perseus_listing_with_a_null_report_is_unexpected()
    {
        var client = ClientFactory.Perseus(new ScriptedHandler().Then(HttpStatusCode.OK, "[null]"));

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => client.ListReportsAsync("65e1f0c2a9b34d0012c4e7a1"));

        Assert.Contains("item 0 of the array is null", error.Message, StringComparison.Ordinal);
    }
}
