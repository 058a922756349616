using System.Net;
using System.Text.Json;
using UsageSchema.Amie;

namespace UsageSchema.Emulator.Tests;

/// <summary>GET /usage/loaded against the real emulator on loopback: loaded rows only, paged with the client's parameters.</summary>
public sealed class AmieLoadedRecordsEmulatorTests
{
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
    public async Task Records_appear_once_their_load_delay_has_passed_with_their_loaded_time()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var sender = emulator.Amie();
        var sent = await sender.SendAsync([EmulatorFixture.Compute("1"), EmulatorFixture.Compute("2")]);
        Assert.True(sent.Succeeded, sent.ToString());

        Assert.Empty(await ReadAll(sender.GetLoadedRecordsAsync()));

        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        var rows = await ReadAll(sender.GetLoadedRecordsAsync());

        Assert.Equal(["1", "2"], rows.Select(row => row.LocalRecordId));
        var loadedAt = EmulatorFixture.Start.AddMinutes(5).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(rows, row => Assert.Equal(loadedAt, row.LoadedTime));
        var record = EmulatorFixture.Compute("1");
        Assert.Equal((record.Resource, record.SubmitTime), (rows[0].Resource, rows[0].SubmitTime));
        Assert.NotNull(rows[0].Charge);
        Assert.InRange(Math.Abs(rows[0].Charge!.Value - double.Parse(record.Charge, System.Globalization.CultureInfo.InvariantCulture)), 0, 0.01);
        Assert.Equal(2, rows.Select(row => row.AccountingDbRecordId).Distinct().Count());
    }

    [Fact]
    public async Task Paging_walks_every_loaded_row_once_in_load_order()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var sender = emulator.Amie();
        await sender.SendAsync([.. Enumerable.Range(1, 7).Select(index => (IAmieUsageRecord)EmulatorFixture.Compute("a" + index))]);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendAsync([.. Enumerable.Range(1, 3).Select(index => (IAmieUsageRecord)EmulatorFixture.Compute("b" + index))]);
        emulator.Clock.Advance(TimeSpan.FromMinutes(10));

        var rows = await ReadAll(sender.GetLoadedRecordsAsync(pageSize: 3));

        Assert.Equal([.. Enumerable.Range(1, 7).Select(index => "a" + index), .. Enumerable.Range(1, 3).Select(index => "b" + index)], rows.Select(row => row.LocalRecordId));
    }

    [Fact]
    public async Task Min_loaded_time_and_local_record_id_narrow_the_rows()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var sender = emulator.Amie();
        await sender.SendAsync([EmulatorFixture.Compute("early")]);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendAsync([EmulatorFixture.Compute("late"), EmulatorFixture.Compute("later")]);
        emulator.Clock.Advance(TimeSpan.FromMinutes(10));

        var since = await ReadAll(sender.GetLoadedRecordsAsync(minLoadedTime: EmulatorFixture.Start.AddMinutes(6)));
        var one = await ReadAll(sender.GetLoadedRecordsAsync(localRecordId: "later"));

        Assert.Equal(["late", "later"], since.Select(row => row.LocalRecordId));
        Assert.Equal("later", Assert.Single(one).LocalRecordId);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=25001")]
    [InlineData("offset=-1")]
    [InlineData("min_loaded_time=yesterday")]
    public async Task Paging_parameters_out_of_range_are_answered_400(string query)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var request = emulator.AmieRequest(HttpMethod.Get, AmieUsageOperations.GetLoadedRecords.RelativePath() + "?" + query);

        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error").GetString()));
    }
}
