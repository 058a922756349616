using System.Globalization;
using System.Text.Json;
using UsageSchema.Outbox.Dispatch;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox.Tests;

public sealed class DispatcherTests : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new();
    private EmulatorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await EmulatorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Valid_records_end_delivered_and_stored_once_invalid_ones_end_rejected_with_reasons()
    {
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        var (amie, perseus, gateway) = await EmulatorRig.EnqueueMixAsync(outbox, 40, 15, 10, withInvalid: true);

        var report = await _rig.Dispatcher(outbox, batchSize: 16).DispatchAsync();
        var second = await _rig.Dispatcher(outbox).DispatchAsync();

        Assert.Equal(amie + perseus + gateway, report.Delivered);
        Assert.Equal(3, report.Rejected);
        Assert.Equal(0, report.Released);
        Assert.Equal(new DispatchReport(0, 0, 0, 0), second);
        var counts = await outbox.CountAsync();
        Assert.Equal(amie, EmulatorRig.CountOf(counts, UsageApi.Amie, OutboxState.Delivered));
        Assert.Equal(perseus, EmulatorRig.CountOf(counts, UsageApi.Perseus, OutboxState.Delivered));
        Assert.Equal(gateway, EmulatorRig.CountOf(counts, UsageApi.GatewayAttributes, OutboxState.Delivered));

        var rejected = await outbox.ListAsync(new OutboxQuery(State: OutboxState.Rejected));
        Assert.Equal([UsageApi.Amie, UsageApi.Perseus, UsageApi.GatewayAttributes], rejected.Select(entry => entry.Api));
        Assert.Contains("Username", rejected[0].LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("project_oid", rejected[1].LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("nowhere.example.org", rejected[2].LastError, StringComparison.Ordinal);

        Assert.Equal(amie, await _rig.AmieLoadedAsync());
        Assert.Empty(await _rig.Amie().GetFailedRecordsAsync());
        Assert.Equal(perseus, (await _rig.PerseusStoredAsync()).Count);
        Assert.Equal(gateway, await _rig.GatewayStoredAsync());
    }

    [Fact]
    public async Task With_errors_429s_and_dropped_connections_everything_valid_ends_delivered_after_repeated_passes()
    {
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        var (amie, perseus, gateway) = await EmulatorRig.EnqueueMixAsync(outbox, 60, 20, 20, withInvalid: false);
        _rig.Emulator.Faults.ErrorRate = 0.25;
        _rig.Emulator.Faults.TooManyRequestsRate = 0.15;
        _rig.Emulator.Faults.RetryAfter = TimeSpan.Zero;
        _rig.Emulator.Faults.DropConnectionRate = 0.15;

        var dispatcher = _rig.Dispatcher(outbox, retries: 1, batchSize: 8);
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

        _rig.Emulator.Faults.Reset();
        Assert.True(released > 0, "The faults never made a send fail; the test proves nothing.");
        Assert.Equal(
            [new OutboxCount(UsageApi.Amie, OutboxState.Delivered, amie), new OutboxCount(UsageApi.GatewayAttributes, OutboxState.Delivered, gateway), new OutboxCount(UsageApi.Perseus, OutboxState.Delivered, perseus)],
            await outbox.CountAsync());
        Assert.Equal(amie, await _rig.AmieLoadedAsync());
        Assert.Empty(await _rig.Amie().GetFailedRecordsAsync());
        Assert.Equal(perseus, (await _rig.PerseusStoredAsync()).Count);
        Assert.Equal(gateway, await _rig.GatewayStoredAsync());
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
            var records = claimed.Select(entry => (Amie.IAmieUsageRecord?)JsonSerializer.Deserialize<Amie.ComputeUsageRecord>(entry.Payload, UsageJson.Options)).ToList();
            Assert.Equal(2, (await _rig.Amie().SendAsync(records)).RecordsAccepted);
            // The process dies here, before MarkDelivered.
        }

        clock.Advance(TimeSpan.FromMinutes(10));
        await using var restarted = SqliteUsageOutbox.Open(options);
        var report = await _rig.Dispatcher(restarted).DispatchAsync();

        // At least once on the wire, exactly once at the service: the repeats are refused as duplicates
        // of what the service holds, which the outbox recognises as its own earlier send.
        Assert.Equal(new DispatchReport(2, 2, 0, 0), report);
        Assert.All(await restarted.ListAsync(), entry => Assert.Equal(OutboxState.Delivered, entry.State));
        Assert.Equal(2, await _rig.AmieLoadedAsync());
        Assert.Empty(await _rig.Amie().GetFailedRecordsAsync());
    }

    [Fact]
    public async Task Repeats_left_by_answers_that_were_lost_are_cleared_even_when_the_failed_list_is_unreadable_at_first()
    {
        // The first two POSTs are stored (the first) and listed as repeats (the second), but neither
        // answer can be read; the third names its own repeats; the first listing of the failed records
        // is cut short too, so only a later listing finds the second POST's unnamed repeats.
        using var cutter = new CutAnswersHandler((HttpMethod.Post, "/usage", 2), (HttpMethod.Get, "/usage/failed", 1));
        using var http = new HttpClient(cutter) { Timeout = Timeout.InfiniteTimeSpan };
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);

        await _rig.Dispatcher(outbox, amieHttp: http).DispatchAsync();

        Assert.Equal(3, cutter.Cut);
        Assert.All(await outbox.ListAsync(), entry => Assert.Equal(OutboxState.Delivered, entry.State));
        Assert.Equal(2, await _rig.AmieLoadedAsync());
        Assert.Empty(await _rig.Amie().GetFailedRecordsAsync());
    }

    [Fact]
    public async Task A_duplicate_on_the_first_attempt_is_someone_elses_record_and_is_rejected()
    {
        Assert.Equal(1, (await _rig.Amie().SendAsync([Records.Compute("taken")])).RecordsAccepted);
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        await outbox.EnqueueRecordsAsync([Records.Compute("taken"), Records.Compute("free")]);

        var report = await _rig.Dispatcher(outbox).DispatchAsync();

        Assert.Equal(new DispatchReport(2, 1, 1, 0), report);
        var rejected = Assert.Single(await outbox.ListAsync(new OutboxQuery(State: OutboxState.Rejected)));
        Assert.Contains("Duplicate LocalRecordID", rejected.LastError, StringComparison.Ordinal);
        Assert.Single(await _rig.Amie().GetFailedRecordsAsync());
    }

    [Fact]
    public async Task Two_dispatchers_on_one_file_deliver_everything_exactly_once()
    {
        await using (var seed = SqliteUsageOutbox.Open(_dir.File()))
        {
            await EmulatorRig.EnqueueMixAsync(seed, 120, 30, 30, withInvalid: false);
        }

        async Task<DispatchReport> RunAsync()
        {
            await using var outbox = SqliteUsageOutbox.Open(_dir.File());
            return await _rig.Dispatcher(outbox, batchSize: 5).DispatchAsync();
        }

        var reports = await Task.WhenAll(Task.Run(RunAsync), Task.Run(RunAsync));

        Assert.Equal(180, reports.Sum(report => report.Delivered));
        Assert.All(reports, report => Assert.Equal(0, report.Rejected + report.Released));
        Assert.Equal(120, await _rig.AmieLoadedAsync());
        Assert.Empty(await _rig.Amie().GetFailedRecordsAsync());
        Assert.Equal(30, (await _rig.PerseusStoredAsync()).Count);
        Assert.Equal(30, await _rig.GatewayStoredAsync());
    }

    [Fact]
    public async Task A_refused_key_releases_the_entries_ends_the_pass_and_a_later_pass_delivers_them()
    {
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);
        var wrongKey = _rig.Amie(retries: 0, apiKey: "wrong");

        var refused = await new OutboxDispatcher(outbox, wrongKey, null, null).DispatchAsync();

        // Refused credentials end the pass at once: every later request would be refused the same way.
        Assert.Equal((2, 0, 0, 2), (refused.Claimed, refused.Delivered, refused.Rejected, refused.Released));
        Assert.StartsWith("amie: authentication refused", refused.StoppedBy, StringComparison.Ordinal);
        var pending = await outbox.ListAsync(new OutboxQuery(State: OutboxState.Pending));
        Assert.Equal(2, pending.Count);
        Assert.All(pending, entry => Assert.Equal(1, entry.Attempts));
        Assert.All(pending, entry => Assert.Contains("401", entry.LastError, StringComparison.Ordinal));

        var delivered = await _rig.Dispatcher(outbox).DispatchAsync();
        Assert.Equal(2, delivered.Delivered);
        Assert.Equal(2, await _rig.AmieLoadedAsync());
    }

    [Fact]
    public async Task One_failed_batch_does_not_end_the_pass()
    {
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        await outbox.EnqueueRecordsAsync(Enumerable.Range(1, 10).Select(i => Records.Compute(i.ToString(CultureInfo.InvariantCulture))));
        using var http = new HttpClient(new FailFirstPosts(1, new HttpClientHandler()));
        var sender = new Amie.Sending.AmieUsageSender(http, new Amie.Sending.AmieClientOptions
        {
            BaseAddress = _rig.Emulator.AmieBaseAddress,
            SiteName = _rig.Emulator.Options.AmieSiteName,
            ApiKey = new Secrets.Secret(_rig.Emulator.Options.AmieApiKey),
            Resilience = EmulatorRig.FastRetries(0),
        });

        var report = await new OutboxDispatcher(outbox, sender, null, null, new OutboxDispatcherOptions { BatchSize = 2 }).DispatchAsync();

        Assert.Equal(new DispatchReport(12, 10, 0, 2), report);
        Assert.Equal(10, await _rig.AmieLoadedAsync());
    }

    /// <summary>Answers the first POSTs 503 without passing them on, like a service that blinks.</summary>
    private sealed class FailFirstPosts(int failures, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _left = failures;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Post && Interlocked.Decrement(ref _left) >= 0
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { RequestMessage = request })
                : base.SendAsync(request, cancellationToken);
    }
}
