using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using UsageSchema.Amie;

namespace UsageSchema.Emulator.Tests;

/// <summary>
/// What the queue stores: each accepted record's text exactly as it was sent (bound from the request's own bytes),
/// its key decoded when the sender escaped it (so an escaped repeat of a key is still a duplicate), and the same for
/// a body sent without a length (chunked) larger than one read buffer.
/// </summary>
public sealed class AmieStoredTextTests
{
    private const string Resource = "expanse.sdsc.access-ci.org";

    [Fact]
    public async Task Every_stored_record_is_its_text_as_sent_byte_for_byte_and_escaped_keys_are_stored_decoded()
    {
        var path = Path.Combine(Path.GetTempPath(), $"usage-schema-emulator-{Guid.NewGuid():N}.db");
        try
        {
            // 150 records (several batches), written by hand: odd spacing, members in another order, escapes in keys
            // and text, non-ASCII text as UTF-8. The last repeats record 3's key, escaped.
            const int count = 150;
            var texts = Enumerable.Range(0, count - 1).Select(Record).Append(Record(3).Replace("\"r-3\"", "\"r\\u002d3\"", StringComparison.Ordinal)).ToList();
            var body = "{ \"UsageType\" : \"Compute\",\n  \"Records\" : [\n" + string.Join(" ,\n", texts) + "\n] }";

            await using (var emulator = await EmulatorFixture.StartAsync(options => options.StoragePath = path))
            {
                using var request = emulator.AmieRequest(HttpMethod.Post, AmieUsageOperations.SendUsage.RelativePath(),
                    new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { { "Content-Type", "application/json" } } });
                using var response = await emulator.Http.SendAsync(request);

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal($"{count - 1} records have been queued for loading.", answer.RootElement.GetProperty("Message").GetString());
                var failed = Assert.Single(answer.RootElement.GetProperty("ValidationFailedRecords").EnumerateArray());
                Assert.Equal("r-3", failed.GetProperty("LocalRecordID").GetString());
                Assert.Equal(AmieService.DuplicateError, failed.GetProperty("Error").GetString());
            }

            var rows = Rows(path);
            Assert.Equal(count - 1, rows.Count);
            for (var i = 0; i < count - 1; i++)
            {
                Assert.Equal(Encoding.UTF8.GetBytes(texts[i]), rows[i].Json);
                Assert.Equal("r-" + i.ToString(CultureInfo.InvariantCulture), rows[i].LocalRecordId);
                Assert.Equal(Resource, rows[i].Resource);
                Assert.Equal(i + 0.25, rows[i].Charge);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task A_chunked_body_larger_than_one_read_buffer_is_read_whole()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        const int count = 900;
        var body = "{\"UsageType\":\"Compute\",\"Records\":[" + string.Join(",", Enumerable.Range(0, count).Select(Record)) + "]}";
        Assert.True(body.Length > 270_000, "the body spans several read buffers (128 KiB, then 256 KiB)");

        // A stream of unknown length: HttpClient sends it chunked, with no Content-Length.
        using var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = emulator.AmieRequest(HttpMethod.Post, AmieUsageOperations.SendUsage.RelativePath(), content);
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(request.Content!.Headers.ContentLength);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"{count} records have been queued for loading.", answer.RootElement.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_answered_413()
    {
        await using var emulator = await EmulatorFixture.StartAsync(options => options.MaxRequestBodyBytes = 50_000);
        var body = "{\"UsageType\":\"Compute\",\"Records\":[" + string.Join(",", Enumerable.Range(0, 200).Select(Record)) + "]}";
        using var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = emulator.AmieRequest(HttpMethod.Post, AmieUsageOperations.SendUsage.RelativePath(), content);
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>A valid compute record as a site might write it by hand.</summary>
    private static string Record(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var resource = i % 7 == 1 ? "expanse.sdsc.access\\u002dci.org" : Resource;
        var id = i % 5 == 2 ? "r\\u002d" + n : "r-" + n;
        return i % 2 == 0
            ? $$$"""{"Username":"jdoe","LocalProjectID":"csd123","LocalRecordID":"{{{id}}}","Resource":"{{{resource}}}","SubmitTime":"2026-03-01T08:15:00-08:00","StartTime":"2026-03-01T08:20:12-08:00","EndTime":"2026-03-01T10:20:12-08:00","Charge":"{{{n}}}.25","Attributes":{"NodeCount":1,"JobName":"café ☕ {{{n}}}","Queue":"q\"{{{n}}}\""}}"""
            : $$$"""{ "Charge" : "{{{n}}}.25", "Resource" : "{{{resource}}}", "LocalRecordID" : "{{{id}}}", "Username":"jd\u006fe", "LocalProjectID":"csd123", "SubmitTime":"2026-03-01T16:15:00Z", "StartTime":"2026-03-01T16:20:12.5+00:00", "EndTime":"2026-03-01T18:20:12Z", "Attributes" : { "NodeCount" : 2 } }""";
    }

    private static List<(string Resource, string LocalRecordId, double Charge, byte[] Json)> Rows(string path)
    {
        var rows = new List<(string, string, double, byte[])>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT resource, local_record_id, charge, CAST(json AS BLOB) FROM amie_records ORDER BY id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDouble(2), (byte[])reader.GetValue(3)));
        }

        return rows;
    }

    /// <summary>A stream that does not know its length, so that HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
