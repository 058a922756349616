using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageSchema.Amie;
using UsageSchema.Serialization;

namespace UsageSchema.Emulator.Tests;

/// <summary>
/// The queue stores a request's records in multi-row batches (<c>AmieService.InsertBatch</c> rows): a duplicate in a
/// later batch, a key held from an earlier request and an invalid record between batches give the same answer, the
/// same failed records in record order and the same stored rows as one insert per record did.
/// </summary>
public sealed class AmieBatchedQueueTests
{
    [Fact]
    public async Task Duplicates_across_batches_and_held_keys_fail_in_record_order_and_the_rest_is_stored_once()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var sender = emulator.Amie();
        Assert.True((await sender.SendAsync(EmulatorFixture.Compute("r-0"))).Succeeded);

        // 300 records (many batches): 0 is held already, 130 is invalid, 250 repeats 5 (a later batch), 299 repeats 298 (the last, shorter batch).
        const int count = 300;
        var ids = Enumerable.Range(0, count).Select(index => "r-" + index).ToArray();
        ids[250] = "r-5";
        ids[299] = "r-298";
        var records = new JsonArray();
        for (var index = 0; index < count; index++)
        {
            var record = JsonSerializer.SerializeToNode(EmulatorFixture.Compute(ids[index]), UsageJson.Options)!;
            if (index == 130)
            {
                record["Attributes"]!["NodeCount"] = 0;
            }

            records.Add(record);
        }

        var message = new JsonObject { ["UsageType"] = "Compute", ["Records"] = records };
        using var request = emulator.AmieRequest(HttpMethod.Post, AmieUsageOperations.SendUsage.RelativePath(),
            new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"));
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"{count - 4} records have been queued for loading.", body.RootElement.GetProperty("Message").GetString());
        var failed = body.RootElement.GetProperty("ValidationFailedRecords").EnumerateArray().ToList();
        Assert.Equal(["r-0", "r-130", "r-5", "r-298"], failed.Select(failure => failure.GetProperty("LocalRecordID").GetString()));
        Assert.Equal(["Duplicate LocalRecordID", "Records[130].Attributes.NodeCount", "Duplicate LocalRecordID", "Duplicate LocalRecordID"],
            failed.Select(failure => failure.GetProperty("Error").GetString()!.Split(':')[0]));
        var failedIds = failed.Select(failure => long.Parse(failure.GetProperty("FailedRecordID").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(failedIds.Order(), failedIds);

        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        var loaded = new List<string>();
        await foreach (var row in sender.GetLoadedRecordsAsync())
        {
            loaded.Add(row.LocalRecordId!);
        }

        // The earlier request's record, then this one's in record order, each key once.
        string[] expected = ["r-0", .. ids.Where((id, index) => index is not (0 or 130 or 250 or 299))];
        Assert.Equal(expected, loaded);
    }
}
