using System.Globalization;
using System.Text.Json;
using UsageSchema.Amie.Sending;
using UsageSchema.Emulator;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Outbox.Dispatch;
using UsageSchema.Perseus;
using UsageSchema.Perseus.Client;
using UsageSchema.Resilience;
using UsageSchema.Secrets;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox.Tests;

public sealed class DispatcherTests : IAsyncLifetime, IDisposable
{
    private const string ProjectOid = "0123456789abcdef01234567";
    private readonly TempDir _dir = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { StoragePath = EmulatorOptions.InMemoryStorage, AmieLoadDelay = TimeSpan.Zero });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    private static ResilienceOptions FastRetries(int retries) => new()
    {
        MaxRetryAttempts = retries,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(20),
        UseJitter = false,
        MaxRetryAfter = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(30),
    };

    private AmieUsageSender Amie(int retries = 3) => new(_http, new AmieClientOptions
    {
        BaseAddress = _emulator.AmieBaseAddress,
        SiteName = _emulator.Options.AmieSiteName,
        ApiKey = new Secret(_emulator.Options.AmieApiKey),
        Resilience = FastRetries(retries),
    });

    private OutboxDispatcher Dispatcher(IUsageOutbox outbox, int retries = 3, int batchSize = 500) => new(
        outbox,
        Amie(retries),
        new PerseusUsageClient(_http, new PerseusClientOptions { BaseAddress = _emulator.PerseusBaseAddress, Token = new Secret(_emulator.Options.PerseusToken), Resilience = FastRetries(retries) }),
        new GatewayAttributesClient(_http, new GatewayAttributesClientOptions { BaseAddress = _emulator.GatewayBaseAddress, ApiKey = new Secret(_emulator.Options.GatewayApiKey), Resilience = FastRetries(retries) }),
        new OutboxDispatcherOptions { BatchSize = batchSize });

    private static string Id(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static async Task<(int Amie, int Perseus, int Gateway)> EnqueueMixAsync(IUsageOutbox outbox, int amie, int perseus, int gateway, bool withInvalid)
    {
        var records = new List<object>();
        records.AddRange(Enumerable.Range(0, amie).Select(i => Records.Compute("r" + Id(i))));
        records.AddRange(Enumerable.Range(0, perseus).Select(i => Records.Report(i, user: "user" + Id(i))));
        records.AddRange(Enumerable.Range(0, gateway).Select(i => Records.Job(1000 + i)));
        if (withInvalid)
        {
            var noUser = Records.Compute("bad-1");
            noUser.Username = null!;
            records.Add(noUser);
            var badOid = Records.Report(1, user: "bad");
            badOid.ProjectOid = "not-an-oid";
            records.Add(badOid);
            records.Add(Records.Job(1, resource: "nowhere.example.org"));
        }

        await outbox.EnqueueRecordsAsync(records);
        return (amie, perseus, gateway);
    }

    private async Task<long> AmieLoadedAsync() => (await Amie().GetStatusAsync()).Sum(resource => resource.LoadedRecordCount);

    private async Task<List<UsageReport>> PerseusStoredAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_emulator.PerseusBaseAddress, "service/UsageReporting/" + ProjectOid));
        request.Headers.Add("Perseus-Token", _emulator.Options.PerseusToken);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonSerializer.Deserialize<List<UsageReport>>(await response.Content.ReadAsStringAsync(), UsageJson.Options)!;
    }

    private async Task<int> GatewayStoredAsync() =>
        (await new GatewayAttributesClient(_http, new GatewayAttributesClientOptions { BaseAddress = _emulator.GatewayBaseAddress, ApiKey = new Secret(_emulator.Options.GatewayApiKey) })
            .GetLastJobsAsync()).Result!.Count;

    private static long CountOf(IReadOnlyList<OutboxCount> counts, OutboxApi api, OutboxState state) =>
        counts.Where(count => count.Api == api && count.State == state).Sum(count => count.Count);

    [Fact]
    public async Task Valid_records_end_delivered_and_stored_once_invalid_ones_end_rejected_with_reasons()
    {
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        var (amie, perseus, gateway) = await EnqueueMixAsync(outbox, 40, 15, 10, withInvalid: true);

        var report = await Dispatcher(outbox, batchSize: 16).DispatchAsync();
        var second = await Dispatcher(outbox).DispatchAsync();

        Assert.Equal(amie + perseus + gateway, report.Delivered);
        Assert.Equal(3, report.Rejected);
        Assert.Equal(0, report.Released);
        Assert.Equal(new DispatchReport(0, 0, 0, 0), second);
        var counts = await outbox.CountAsync();
        Assert.Equal(amie, CountOf(counts, OutboxApi.Amie, OutboxState.Delivered));
        Assert.Equal(perseus, CountOf(counts, OutboxApi.Perseus, OutboxState.Delivered));
        Assert.Equal(gateway, CountOf(counts, OutboxApi.Gateway, OutboxState.Delivered));

        var rejected = await outbox.ListAsync(new OutboxQuery(State: OutboxState.Rejected));
        Assert.Equal([OutboxApi.Amie, OutboxApi.Perseus, OutboxApi.Gateway], rejected.Select(entry => entry.Api));
        Assert.Contains("Username", rejected[0].LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("project_oid", rejected[1].LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("nowhere.example.org", rejected[2].LastError, StringComparison.Ordinal);

        Assert.Equal(amie, await AmieLoadedAsync());
        Assert.Empty(await Amie().GetFailedRecordsAsync());
        Assert.Equal(perseus, (await PerseusStoredAsync()).Count);
        Assert.Equal(gateway, await GatewayStoredAsync());
    }

    [Fact]
    public async Task With_errors_429s_and_dropped_connections_everything_valid_ends_delivered_after_repeated_passes()
    {
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        var (amie, perseus, gateway) = await EnqueueMixAsync(outbox, 60, 20, 20, withInvalid: false);
        _emulator.Faults.ErrorRate = 0.25;
        _emulator.Faults.TooManyRequestsRate = 0.15;
        _emulator.Faults.RetryAfter = TimeSpan.Zero;
        _emulator.Faults.DropConnectionRate = 0.15;

        var dispatcher = Dispatcher(outbox, retries: 1, batchSize: 8);
        var released = 0;
        for (var pass = 0; pass < 200; pass++)
        {
            var report = await dispatcher.DispatchAsync();
            released += report.Released;
            var counts = await outbox.CountAsync();
            if (counts.All(count => count.State == OutboxState.Delivered))
            {
                break;
            }
        }

        _emulator.Faults.Reset();
        Assert.True(released > 0, "The faults never made a send fail; the test proves nothing.");
        Assert.Equal(
            [new OutboxCount(OutboxApi.Amie, OutboxState.Delivered, amie), new OutboxCount(OutboxApi.Gateway, OutboxState.Delivered, gateway), new OutboxCount(OutboxApi.Perseus, OutboxState.Delivered, perseus)],
            await outbox.CountAsync());
        Assert.Equal(amie, await AmieLoadedAsync());
        Assert.Empty(await Amie().GetFailedRecordsAsync());
        Assert.Equal(perseus, (await PerseusStoredAsync()).Count);
        Assert.Equal(gateway, await GatewayStoredAsync());
    }

    [Fact]
    public async Task After_a_crash_between_send_and_mark_the_AMIE_duplicates_of_our_own_send_count_as_delivered()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var options = new SqliteOutboxOptions { Path = _dir.File(), TimeProvider = clock };
        await using (var crashed = SqliteUsageOutbox.Open(options))
        {
            await crashed.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);
            var claimed = await crashed.ClaimAsync(10, TimeSpan.FromMinutes(10));
            var records = claimed.Select(entry => (object?)JsonSerializer.Deserialize<Amie.ComputeUsageRecord>(entry.Payload, UsageJson.Options)).ToList();
            Assert.Equal(2, (await Amie().SendAsync(records)).RecordsAccepted);
            // The process dies here, before MarkDelivered.
        }

        clock.Advance(TimeSpan.FromMinutes(10));
        await using var restarted = SqliteUsageOutbox.Open(options);
        var report = await Dispatcher(restarted).DispatchAsync();

        // At least once on the wire, exactly once at the service: the repeats are refused as duplicates
        // of what the service holds, which the outbox recognises as its own earlier send.
        Assert.Equal(new DispatchReport(2, 2, 0, 0), report);
        Assert.All(await restarted.ListAsync(), entry => Assert.Equal(OutboxState.Delivered, entry.State));
        Assert.Equal(2, await AmieLoadedAsync());
        Assert.Empty(await Amie().GetFailedRecordsAsync());
    }

    [Fact]
    public async Task A_duplicate_on_the_first_attempt_is_someone_elses_record_and_is_rejected()
    {
        Assert.Equal(1, (await Amie().SendAsync([Records.Compute("taken")])).RecordsAccepted);
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        await outbox.EnqueueRecordsAsync([Records.Compute("taken"), Records.Compute("free")]);

        var report = await Dispatcher(outbox).DispatchAsync();

        Assert.Equal(new DispatchReport(2, 1, 1, 0), report);
        var rejected = Assert.Single(await outbox.ListAsync(new OutboxQuery(State: OutboxState.Rejected)));
        Assert.Contains("Duplicate LocalRecordID", rejected.LastError, StringComparison.Ordinal);
        Assert.Single(await Amie().GetFailedRecordsAsync());
    }

    [Fact]
    public async Task Claims_of_a_sender_process_that_is_gone_are_released_at_once()
    {
        await using var outbox = SqliteUsageOutbox.Open(new SqliteOutboxOptions { Path = _dir.File(), ClaimerId = $"{Environment.MachineName}:{int.MaxValue}:dead" });
        await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);
        Assert.Equal(2, (await outbox.ClaimAsync(10, TimeSpan.FromHours(1))).Count);
        await using var other = SqliteUsageOutbox.Open(new SqliteOutboxOptions { Path = _dir.File(), ClaimerId = "elsewhere:1:alive" });
        await other.EnqueueRecordsAsync([Records.Compute("3")]);
        Assert.Single(await other.ClaimAsync(10, TimeSpan.FromHours(1)));

        await using var restarted = SqliteUsageOutbox.Open(_dir.File());
        var released = await restarted.ReleaseAbandonedClaimsAsync();

        Assert.Equal(2, released);
        var entries = await restarted.ListAsync();
        Assert.Equal([OutboxState.Pending, OutboxState.Pending, OutboxState.Claimed], entries.Select(entry => entry.State));
        Assert.All(entries.Take(2), entry => Assert.Equal(1, entry.Attempts));
        Assert.Equal(2, (await restarted.ClaimAsync(10, TimeSpan.FromMinutes(1))).Count);
    }

    [Fact]
    public async Task Two_dispatchers_on_one_file_deliver_everything_exactly_once()
    {
        await using (var seed = SqliteUsageOutbox.Open(_dir.File()))
        {
            await EnqueueMixAsync(seed, 120, 30, 30, withInvalid: false);
        }

        async Task<DispatchReport> RunAsync()
        {
            await using var outbox = SqliteUsageOutbox.Open(_dir.File());
            return await Dispatcher(outbox, batchSize: 5).DispatchAsync();
        }

        var reports = await Task.WhenAll(Task.Run(RunAsync), Task.Run(RunAsync));

        Assert.Equal(180, reports.Sum(report => report.Delivered));
        Assert.All(reports, report => Assert.Equal(0, report.Rejected + report.Released));
        Assert.Equal(120, await AmieLoadedAsync());
        Assert.Empty(await Amie().GetFailedRecordsAsync());
        Assert.Equal(30, (await PerseusStoredAsync()).Count);
        Assert.Equal(30, await GatewayStoredAsync());
    }

    [Fact]
    public async Task A_refused_key_releases_the_entries_ends_the_pass_and_a_later_pass_delivers_them()
    {
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);
        var wrongKey = new AmieUsageSender(_http, new AmieClientOptions
        {
            BaseAddress = _emulator.AmieBaseAddress,
            SiteName = _emulator.Options.AmieSiteName,
            ApiKey = new Secret("wrong"),
            Resilience = FastRetries(0),
        });

        var refused = await new OutboxDispatcher(outbox, wrongKey, null, null).DispatchAsync();

        Assert.Equal(new DispatchReport(2, 0, 0, 2), refused);
        var pending = await outbox.ListAsync(new OutboxQuery(State: OutboxState.Pending));
        Assert.Equal(2, pending.Count);
        Assert.All(pending, entry => Assert.Equal(1, entry.Attempts));
        Assert.All(pending, entry => Assert.Contains("401", entry.LastError, StringComparison.Ordinal));

        var delivered = await Dispatcher(outbox).DispatchAsync();
        Assert.Equal(2, delivered.Delivered);
        Assert.Equal(2, await AmieLoadedAsync());
    }
}
