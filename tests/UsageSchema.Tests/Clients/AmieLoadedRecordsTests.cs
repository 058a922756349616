using System.Net;
using UsageSchema.Amie;
using UsageSchema.Errors;

namespace UsageSchema.Tests.Clients;

/// <summary>GET /usage/loaded: paged (at most 25,000 rows), stops at a short page, bounded.</summary>
public class AmieLoadedRecordsTests
{
    private static string Page(int first, int count)
    {
        var rows = Enumerable.Range(first, count).Select(index =>
            $$"""{"accounting_db_record_id":{{9000 + index}},"local_record_id":"r{{index}}","resource":"res.example.org","submit_time":"2024-03-01T08:15:00-08:00","loaded_time":"2024-03-02T04:00:12Z","charge":{{index}}.004}""");
        return "[" + string.Join(',', rows) + "]";
    }

    private static async Task<List<LoadedUsageRecord>> ReadAll(IAsyncEnumerable<LoadedUsageRecord> rows)
    {
        var all = new List<LoadedUsageRecord>();
        await foreach (var row in rows)
        {
            all.Add(row);
        }

        return all;
    }

    [Fact]
    public async Task Pages_are_read_with_limit_and_offset_until_a_short_page()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.OK, Page(0, 3))
            .Then(HttpStatusCode.OK, Page(3, 3))
            .Then(HttpStatusCode.OK, Page(6, 1));
        var sender = ClientFactory.Amie(handler);

        var rows = await ReadAll(sender.GetLoadedRecordsAsync(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), pageSize: 3));

        Assert.Equal(Enumerable.Range(0, 7).Select(index => "r" + index), rows.Select(row => row.LocalRecordId));
        Assert.Equal(
            [
                $"https://usage.access-ci.org/api/v1{AmieUsageOperations.GetLoadedRecords.PathTemplate}?min_loaded_time=2024-03-01T00%3A00%3A00%2B00%3A00&limit=3&offset=0",
                $"https://usage.access-ci.org/api/v1{AmieUsageOperations.GetLoadedRecords.PathTemplate}?min_loaded_time=2024-03-01T00%3A00%3A00%2B00%3A00&limit=3&offset=3",
                $"https://usage.access-ci.org/api/v1{AmieUsageOperations.GetLoadedRecords.PathTemplate}?min_loaded_time=2024-03-01T00%3A00%3A00%2B00%3A00&limit=3&offset=6",
            ],
            handler.Requests.Select(request => request.Uri.AbsoluteUri));
        Assert.All(handler.Requests, request => Assert.Equal(TestRecords.ApiKey, request.Header(AmieUsageOperations.SecuritySchemes.XaApiKey)));
        var first = rows[0];
        Assert.Equal(("9000", "res.example.org", "2024-03-01T08:15:00-08:00", "2024-03-02T04:00:12Z"), (first.AccountingDbRecordId, first.Resource, first.SubmitTime, first.LoadedTime));
        Assert.Equal(0.004, first.Charge);
    }

    [Fact]
    public async Task An_exactly_full_last_page_costs_one_empty_page_more()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Page(0, 2)).Then(HttpStatusCode.OK, "[]");
        var sender = ClientFactory.Amie(handler);

        var rows = await ReadAll(sender.GetLoadedRecordsAsync(pageSize: 2));

        Assert.Equal(2, rows.Count);
        Assert.Equal(2, handler.Requests.Count);
        Assert.EndsWith($"{AmieUsageOperations.GetLoadedRecords.PathTemplate}?limit=2&offset=2", handler.Requests[1].Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_page_is_the_services_most_and_a_local_record_id_filters()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Page(0, 1));
        var sender = ClientFactory.Amie(handler);

        var rows = await ReadAll(sender.GetLoadedRecordsAsync(localRecordId: "r 0"));

        Assert.Single(rows);
        Assert.Equal($"https://usage.access-ci.org/api/v1{AmieUsageOperations.GetLoadedRecords.PathTemplate}?local_record_id=r%200&limit=25000&offset=0", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Rows_under_a_results_envelope_are_read_too()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, "{\"count\":2,\"results\":" + Page(0, 2) + "}");
        var sender = ClientFactory.Amie(handler);

        var rows = await ReadAll(sender.GetLoadedRecordsAsync(pageSize: 5));

        Assert.Equal(["r0", "r1"], rows.Select(row => row.LocalRecordId));
    }

    [Fact]
    public async Task A_service_that_ignores_offset_is_stopped_at_the_first_repeated_page()
    {
        // Always the same full page: without a check this would walk to the page bound (or never end).
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, Page(0, 2)));
        var sender = ClientFactory.Amie(handler);

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => ReadAll(sender.GetLoadedRecordsAsync(pageSize: 2, maxPages: 4)));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("the page at offset 2 is the same as the one before it: the service ignores offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_pages_forever_is_stopped_at_the_page_bound()
    {
        // New full pages without end (the offset is honoured, the rows never run out).
        var handler = new ScriptedHandler(request => ScriptedHandler.Respond(HttpStatusCode.OK, Page(Offset(request.Uri), 2)));
        var sender = ClientFactory.Amie(handler);

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => ReadAll(sender.GetLoadedRecordsAsync(pageSize: 2, maxPages: 4)));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Contains($"{AmieUsageOperations.GetLoadedRecords} returned 4 full pages of 2 rows (the most this reads) and there may be more", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("{\"results\":[{\"local_record_id\":\"r1\"},null]}")]
    public async Task A_page_with_a_null_row_is_an_unexpected_response(string body)
    {
        var sender = ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.OK, body));

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => ReadAll(sender.GetLoadedRecordsAsync()));

        Assert.Contains("of the page is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_no_type_knows_in_a_results_envelope_outlive_the_page()
    {
        // The envelope is read through a JsonDocument disposed with the page: the rows' unknown members must not point into it.
        var sender = ClientFactory.Amie(new ScriptedHandler().Then(HttpStatusCode.OK, "{\"results\":[{\"local_record_id\":\"r1\",\"extra\":{\"a\":[1,2]}}]}"));

        var row = Assert.Single(await ReadAll(sender.GetLoadedRecordsAsync()));

        Assert.Contains("\"extra\":{\"a\":[1,2]}", System.Text.Json.JsonSerializer.Serialize(row, UsageSchema.Serialization.UsageJson.Options), StringComparison.Ordinal);
    }

    private static int Offset(Uri uri)
    {
        var offset = uri.Query.TrimStart('?').Split('&').Single(part => part.StartsWith("offset=", StringComparison.Ordinal));
        return int.Parse(offset["offset=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Rows_of_earlier_pages_are_handed_out_before_the_next_page_is_asked_for()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Page(0, 2)).Then(HttpStatusCode.OK, Page(2, 1));
        var sender = ClientFactory.Amie(handler);

        await foreach (var row in sender.GetLoadedRecordsAsync(pageSize: 2))
        {
            Assert.Single(handler.Requests);
            break;
        }

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_body_that_is_not_rows_is_an_unexpected_response()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, "<html>login</html>", "text/html");
        var sender = ClientFactory.Amie(handler);

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => ReadAll(sender.GetLoadedRecordsAsync()));

        Assert.Contains("a JSON array of loaded records", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(25_001, 1)]
    [InlineData(10, 0)]
    public async Task Page_size_and_bound_out_of_range_are_refused(int pageSize, int maxPages)
    {
        var sender = ClientFactory.Amie(new ScriptedHandler());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReadAll(sender.GetLoadedRecordsAsync(pageSize: pageSize, maxPages: maxPages)));
    }
}
