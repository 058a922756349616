using System.Globalization;
using System.Net;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Errors;
using UsageSchema.Serialization;
using UsageSchema.Tests.Wire;

namespace UsageSchema.Tests.Clients;

public class AmieUsageSenderTests
{
    private const string OneComputeBody =
        "{\"UsageType\":\"Compute\",\"Records\":[{\"Username\":\"jdoe\",\"LocalProjectID\":\"csd123\",\"LocalRecordID\":\"31415926\"," +
        "\"Resource\":\"expanse.sdsc.access-ci.org\",\"SubmitTime\":\"2024-03-01T08:15:00-08:00\",\"StartTime\":\"2024-03-01T08:20:12-08:00\"," +
        "\"EndTime\":\"2024-03-01T10:20:12-08:00\",\"Charge\":\"256.0\",\"Attributes\":{\"NodeCount\":1}}]}";

    [Fact]
    public async Task One_record_is_posted_with_exactly_the_auth_headers_and_the_message_bytes()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Fixture.Read("amie/usage-response.reference.json"));
        var sender = ClientFactory.Amie(handler);

        var result = await sender.SendAsync(TestRecords.Compute());

        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"https://usage.access-ci.org/api/v1{AmieUsageOperations.SendUsage.PathTemplate}", request.Uri.AbsoluteUri);
        Assert.Equal($"Accept: application/json\n{AmieUsageOperations.SecuritySchemes.XaApiKey}: {TestRecords.ApiKey}\n{AmieUsageOperations.SecuritySchemes.XaSite}: SDSC", request.HeaderLines);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(OneComputeBody, request.BodyText);

        var sent = Assert.Single(result.Requests);
        Assert.True(result.Succeeded);
        Assert.Equal(200, sent.StatusCode);
        Assert.Equal(1, sent.RecordCount);
        Assert.Equal(OneComputeBody.Length, sent.BodyBytes);
        Assert.Equal("1 records have been queued for loading.", sent.Response?.Message);
        Assert.Equal(1, result.RecordsAccepted);
    }

    [Fact]
    public async Task A_base_address_with_a_trailing_slash_or_the_test_api_is_used_as_given()
    {
        var handler = new ScriptedHandler();
        var sender = ClientFactory.Amie(handler, options => options.BaseAddress = new Uri("https://usage.access-ci.org/api/v1_test/"));

        await sender.SendAsync(TestRecords.Storage());

        Assert.Equal("https://usage.access-ci.org/api/v1_test/usage", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task A_usage_message_is_sent_as_the_same_bytes_it_serializes_to()
    {
        var handler = new ScriptedHandler();
        var sender = ClientFactory.Amie(handler);
        var message = new StorageUsageMessage { Records = [TestRecords.Storage("s1"), TestRecords.Storage("s2")] };

        await sender.SendAsync(message);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes<UsageMessage>(message, UsageJson.Options), Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Mixed_records_go_out_one_request_per_type_in_input_order_within_each_type()
    {
        var handler = new ScriptedHandler();
        var sender = ClientFactory.Amie(handler);

        var result = await sender.SendAsync([TestRecords.Compute("c1"), TestRecords.Adjustment("a1"), TestRecords.Compute("c2"), TestRecords.Storage("s1")]);

        Assert.Equal(
            ["Compute:c1,c2", "Adjustment:a1", "Storage:s1"],
            handler.Requests.Select(request => Describe(request.Body!)));
        Assert.Equal([(0L, 2L), (1L, 1L), (3L, 3L)], result.Requests.Select(request => (request.FirstRecordIndex, request.LastRecordIndex)));
        Assert.Equal(4, result.RecordsAccepted);
    }

    [Fact]
    public async Task A_stream_is_packed_under_the_cap_and_every_record_arrives_once_in_order()
    {
        var handler = new ScriptedHandler();
        var sender = ClientFactory.Amie(handler, options => options.MaxRequestBytes = 4096);

        var result = await sender.SendAsync(Stream(1000));

        Assert.True(result.Succeeded);
        Assert.Equal(1000, result.RecordsRead);
        Assert.True(handler.Requests.Count > 1);
        Assert.All(handler.Requests, request => Assert.True(request.Body!.Length <= 4096));
        var ids = handler.Requests.SelectMany(request => Ids(request.Body!)).ToList();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i.ToString(CultureInfo.InvariantCulture)), ids);
    }

    [Fact]
    public async Task Max_records_per_request_limits_each_request()
    {
        var handler = new ScriptedHandler();
        var sender = ClientFactory.Amie(handler, options => options.MaxRecordsPerRequest = 3);

        await sender.SendAsync(Enumerable.Range(0, 7).Select(i => (IAmieUsageRecord)TestRecords.Compute(i.ToString(CultureInfo.InvariantCulture))));

        Assert.Equal([3, 3, 1], handler.Requests.Select(request => Ids(request.Body!).Count));
    }

    [Fact]
    public async Task Records_the_service_reports_as_failed_are_returned_under_either_key()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.OK, "{\"Message\":\"0 queued\",\"FailedRecords\":[{\"UsageType\":\"Compute\",\"LocalRecordID\":\"c1\",\"Error\":\"Unknown project\"}]}");
        var sender = ClientFactory.Amie(handler);

        var result = await sender.SendAsync(TestRecords.Compute("c1"));

        var failed = Assert.Single(result.ServiceFailedRecords);
        Assert.Equal("Unknown project", failed.Error);
        Assert.True(result.Requests[0].Succeeded);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_413_splits_the_request_in_two_and_retries_down_to_what_fits()
    {
        // The service takes at most two records per request.
        var handler = new ScriptedHandler(request => Ids(request.Body!).Count > 2
            ? ScriptedHandler.Respond(HttpStatusCode.RequestEntityTooLarge, "")
            : ScriptedHandler.Respond(HttpStatusCode.OK, "{\"Message\":\"ok\"}"));
        var sender = ClientFactory.Amie(handler);

        var result = await sender.SendAsync(Enumerable.Range(0, 7).Select(i => (IAmieUsageRecord)TestRecords.Compute(i.ToString(CultureInfo.InvariantCulture))));

        // 7 -> 413 -> 3 + 4; 3 -> 413 -> 1 + 2; 4 -> 413 -> 2 + 2.
        Assert.Equal([7, 3, 1, 2, 4, 2, 2], handler.Requests.Select(request => Ids(request.Body!).Count));
        Assert.True(result.Succeeded);
        Assert.Equal([1, 2, 2, 2], result.Requests.Select(request => request.RecordCount));
        Assert.Equal([2, 2, 2, 2], result.Requests.Select(request => request.SplitDepth));
        var delivered = handler.Requests.Where(request => Ids(request.Body!).Count <= 2).SelectMany(request => Ids(request.Body!));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => i.ToString(CultureInfo.InvariantCulture)), delivered);

        // The halves are cut from the packed bytes: each is exactly the message of its records.
        var second = handler.Requests[2];
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(new ComputeUsageMessage { Records = [TestRecords.Compute("0")] }, UsageJson.Options), second.Body);
    }

    [Fact]
    public async Task A_single_record_answered_413_is_a_local_failure_naming_it_and_the_others_are_sent()
    {
        var handler = new ScriptedHandler(request => Ids(request.Body!).Contains("big") || Ids(request.Body!).Count > 1
            ? ScriptedHandler.Respond(HttpStatusCode.RequestEntityTooLarge, "<html>413 Request Entity Too Large</html>", "text/html")
            : ScriptedHandler.Respond(HttpStatusCode.OK, "{\"Message\":\"ok\"}"));
        var sender = ClientFactory.Amie(handler);

        var result = await sender.SendAsync([TestRecords.Compute("a"), TestRecords.Compute("big"), TestRecords.Compute("b")]);

        var failure = Assert.Single(result.LocalFailures);
        Assert.Equal(LocalFailureReason.RejectedAsTooLarge, failure.Reason);
        Assert.Equal(1, failure.Index);
        Assert.Equal("big", failure.LocalRecordId);
        Assert.Contains("'big' on 'expanse.sdsc.access-ci.org'", failure.Message, StringComparison.Ordinal);
        Assert.Equal("big", ((ComputeUsageRecord)failure.Record!).LocalRecordId);
        Assert.Equal([0L, 2L], result.Requests.Select(request => request.FirstRecordIndex));
        Assert.Equal(["a", "b"], handler.Requests.Where(request => request.Body is not null && AmieUsageSenderTests.Ids(request.Body).Count == 1 && !AmieUsageSenderTests.Ids(request.Body).Contains("big")).Select(request => Ids(request.Body!)[0]));
        Assert.True(result.Completed);
    }

    [Fact]
    public async Task A_record_larger_than_the_cap_is_reported_and_its_neighbours_are_sent_together()
    {
        var handler = new ScriptedHandler();
        var sender = ClientFactory.Amie(handler, options => options.MaxRequestBytes = 2048);

        var result = await sender.SendAsync([TestRecords.Compute("a"), TestRecords.Compute("huge", new string('x', 4000)), TestRecords.Compute("b")]);

        Assert.Equal(LocalFailureReason.TooLarge, Assert.Single(result.LocalFailures).Reason);
        Assert.Equal(["a", "b"], Ids(Assert.Single(handler.Requests).Body!));
        Assert.True(result.Completed);
    }

    [Fact]
    public async Task A_rejected_request_is_reported_with_the_services_message_and_sending_goes_on()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.BadRequest, "{\"error\": \"Records must not be empty\"}")
            .Then(HttpStatusCode.OK, "{\"Message\":\"ok\"}");
        var sender = ClientFactory.Amie(handler, options => options.MaxRecordsPerRequest = 1);

        var result = await sender.SendAsync([TestRecords.Compute("a"), TestRecords.Compute("b")]);

        var error = Assert.IsType<ServiceRejectedException>(result.Requests[0].Error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Records must not be empty", error.ServiceMessage);
        Assert.Equal(new ServiceRequestDescription("POST", $"/api/v1{AmieUsageOperations.SendUsage.PathTemplate}", 1, OneComputeBody.Replace("31415926", "a", StringComparison.Ordinal).Length), error.Request);
        Assert.Contains("POST /api/v1/usage (1 record, ", error.Message, StringComparison.Ordinal);
        Assert.True(result.Requests[1].Succeeded);
        Assert.True(result.Completed);
        Assert.Equal(1, result.RecordsAccepted);
    }

    [Fact]
    public async Task Refused_credentials_stop_the_batch()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.Unauthorized, "");
        var sender = ClientFactory.Amie(handler, options => options.MaxRecordsPerRequest = 1);

        var result = await sender.SendAsync([TestRecords.Compute("a"), TestRecords.Compute("b"), TestRecords.Compute("c")]);

        Assert.Single(handler.Requests);
        Assert.IsType<ServiceAuthenticationException>(result.StoppedBy);
        Assert.False(result.Completed);
        Assert.Equal(401, result.Requests.Single().Error?.StatusCode);
    }

    [Fact]
    public async Task A_service_still_failing_after_the_retries_stops_the_batch_with_the_attempts_counted()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.ServiceUnavailable, "{\"detail\":\"maintenance\"}"));
        var sender = ClientFactory.Amie(handler, options => options.MaxRecordsPerRequest = 1);

        var result = await sender.SendAsync([TestRecords.Compute("a"), TestRecords.Compute("b")]);

        Assert.Equal(3, handler.Requests.Count);
        var error = Assert.IsType<ServiceUnavailableException>(result.StoppedBy);
        Assert.Equal(3, error.Attempts);
        Assert.Equal("maintenance", error.ServiceMessage);
        Assert.Equal(3, result.Requests.Single().Attempts);
    }

    [Theory]
    [InlineData(200, "")]
    [InlineData(200, "<html><body>Welcome to nginx</body></html>")]
    [InlineData(200, "{\"Message\": \"1 records have been qu")]
    [InlineData(200, "[1, 2, 3]")]
    [InlineData(200, "null")]
    [InlineData(200, "{\"Message\": 5, \"ValidationFailedRecords\": {}}")]
    [InlineData(202, "{\"Message\":\"accepted\"}")]
    [InlineData(204, "")]
    public async Task An_unreadable_or_unexpected_answer_is_a_clear_error_not_a_crash(int status, string body)
    {
        var handler = new ScriptedHandler().Then((HttpStatusCode)status, body);
        var sender = ClientFactory.Amie(handler);

        var result = await sender.SendAsync(TestRecords.Compute());

        var error = Assert.IsType<UnexpectedResponseException>(Assert.Single(result.Requests).Error);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains("AMIE Usage API: POST /api/v1/usage (1 record, ", error.Message, StringComparison.Ordinal);
        Assert.True(result.Completed);
    }

    [Fact]
    public async Task Status_is_read_with_the_range_as_escaped_query_parameters()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.OK, "[{\"Resource\":\"expanse.sdsc.access-ci.org\",\"LoadedRecordCount\":10,\"FailedJobCount\":1,\"TotalCharge\":2.5," +
                "\"Errors\":[{\"Error\":\"Unknown project\",\"Records\":[{\"UsageType\":\"Compute\",\"LocalRecordID\":\"7\"}]}]}]");
        var sender = ClientFactory.Amie(handler);

        var status = await sender.GetStatusAsync(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(-5)), new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero));

        var request = Assert.Single(handler.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"https://usage.access-ci.org/api/v1{AmieUsageOperations.GetUsageStatus.PathTemplate}?FromTime=2024-03-01T00%3A00%3A00-05%3A00&ToTime=2024-03-02T00%3A00%3A00%2B00%3A00", request.Uri.AbsoluteUri);
        Assert.Equal($"Accept: application/json\n{AmieUsageOperations.SecuritySchemes.XaApiKey}: {TestRecords.ApiKey}\n{AmieUsageOperations.SecuritySchemes.XaSite}: SDSC", request.HeaderLines);
        Assert.Null(request.Body);
        var resource = Assert.Single(status);
        Assert.Equal(10, resource.LoadedRecordCount);
        var group = Assert.Single(resource.Errors!);
        Assert.Equal("Unknown project", group.Error);
        Assert.Equal(UsageType.Compute, Assert.Single(group.Records!).UsageType);
    }

    [Fact]
    public async Task Status_without_a_range_has_no_query_and_a_date_only_range_is_sent_as_given()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, Fixture.Read("amie/status.reference.json")));
        var sender = ClientFactory.Amie(handler);

        await sender.GetStatusAsync();
        await sender.GetStatusAsync(fromTime: "2021-01-01");

        Assert.Equal($"https://usage.access-ci.org/api/v1{AmieUsageOperations.GetUsageStatus.PathTemplate}", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal($"https://usage.access-ci.org/api/v1{AmieUsageOperations.GetUsageStatus.PathTemplate}?FromTime=2021-01-01", handler.Requests[1].Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"Resource\": \"not an array\"}")]
    [InlineData("[{\"Resource\": \"x\", \"LoadedRecordCount\": ")]
    public async Task An_unreadable_status_is_an_unexpected_response(string body)
    {
        var sender = ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.OK, body));

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => sender.GetStatusAsync());

        Assert.Equal(new ServiceRequestDescription("GET", $"/api/v1{AmieUsageOperations.GetUsageStatus.PathTemplate}"), error.Request);
    }

    [Fact]
    public async Task Failed_records_are_read_under_either_key_with_numeric_or_string_ids()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Fixture.Read("amie/failed-records.storage.json"));
        var sender = ClientFactory.Amie(handler);

        var failed = await sender.GetFailedRecordsAsync();

        Assert.Equal($"https://usage.access-ci.org/api/v1{AmieUsageOperations.GetFailedRecords.PathTemplate}", Assert.Single(handler.Requests).Uri.AbsoluteUri);
        Assert.Equal(["17", "18"], failed.Select(record => record.FailedRecordId));
        Assert.Equal([UsageType.Storage, UsageType.Adjustment], failed.Select(record => record.UsageType));
    }

    [Fact]
    public async Task Clearing_failed_records_deletes_comma_joined_ids_with_the_commas_unencoded()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.NoContent).Then(HttpStatusCode.OK);
        var sender = ClientFactory.Amie(handler, options => options.MaxFailedRecordIdsPerRequest = 3);

        var result = await sender.ClearFailedRecordsAsync(["12", "13", "14", "x y"]);

        Assert.Equal(["DELETE", "DELETE"], handler.Requests.Select(request => request.Method));
        Assert.Equal($"https://usage.access-ci.org/api/v1/{AmieUsageOperations.ClearFailedRecords.RelativePath("12,13,14")}", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal($"/api/v1/{AmieUsageOperations.ClearFailedRecords.RelativePath("x%20y")}", handler.Requests[1].Uri.PathAndQuery);
        Assert.Equal($"Accept: application/json\n{AmieUsageOperations.SecuritySchemes.XaApiKey}: {TestRecords.ApiKey}\n{AmieUsageOperations.SecuritySchemes.XaSite}: SDSC", handler.Requests[0].HeaderLines);
        Assert.Equal(2, result.Requests);
        Assert.Equal(["12", "13", "14", "x y"], result.ClearedIds);
    }

    [Fact]
    public async Task Clearing_failed_records_takes_their_ids_and_skips_those_without_one()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK);
        var sender = ClientFactory.Amie(handler);
        var withoutId = new FailedUsageRecord { UsageType = UsageType.Compute, LocalRecordId = "r9" };

        var result = await sender.ClearFailedRecordsAsync([new FailedUsageRecord { FailedRecordId = "17" }, withoutId, new FailedUsageRecord { FailedRecordId = "18" }]);

        Assert.Equal($"/api/v1/{AmieUsageOperations.ClearFailedRecords.RelativePath("17,18")}", Assert.Single(handler.Requests).Uri.PathAndQuery);
        Assert.Same(withoutId, Assert.Single(result.SkippedWithoutId));
    }

    [Fact]
    public async Task Clearing_nothing_sends_nothing_and_a_refused_delete_throws()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.NotFound, "{\"error\":\"no such record\"}");
        var sender = ClientFactory.Amie(handler);

        var nothing = await sender.ClearFailedRecordsAsync(Array.Empty<string>());
        var error = await Assert.ThrowsAsync<ServiceRejectedException>(() => sender.ClearFailedRecordsAsync(["99"]));

        Assert.Equal(0, nothing.Requests);
        Assert.Equal("no such record", error.ServiceMessage);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Cancelling_a_stream_ends_the_send_with_OperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new ScriptedHandler(_ =>
        {
            cancellation.Cancel();
            return ScriptedHandler.Respond(HttpStatusCode.OK, "{\"Message\":\"ok\"}");
        });
        var sender = ClientFactory.Amie(handler, options => options.MaxRecordsPerRequest = 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(Stream(100), cancellation.Token));

        Assert.True(handler.Requests.Count <= 2);
    }

    private static async IAsyncEnumerable<IAmieUsageRecord?> Stream(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return TestRecords.Compute(i.ToString(CultureInfo.InvariantCulture));
        }
    }

    internal static List<string> Ids(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.GetProperty("Records").EnumerateArray().Select(record => record.GetProperty("LocalRecordID").GetString()!)];
    }

    private static string Describe(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("UsageType").GetString() + ":" + string.Join(",", Ids(body));
    }
}
