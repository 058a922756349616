using System.Diagnostics.Metrics;
using UsageSchema.Testing.Postgres;

namespace UsageSchema.Outbox.Tests;

/// <summary>
/// <see cref="IUsageOutbox.BacklogAsync"/> on each store: pending and claimed entries per API, the oldest pending
/// entry's enqueue time, zeros for an API with nothing waiting; delivered and rejected entries are not backlog.
/// </summary>
public abstract class OutboxBacklogContract
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Opens this test's (fresh) store with <paramref name="clock"/>.</summary>
    protected abstract Task<IUsageOutbox> OpenAsync(TimeProvider clock);

    [Fact]
    public async Task An_empty_outbox_has_no_backlog_for_any_api()
    {
        await using var outbox = await OpenAsync(new ManualClock(Start));

        Assert.Equal([new OutboxBacklog(UsageApi.Amie, 0, 0, null), new OutboxBacklog(UsageApi.Perseus, 0, 0, null), new OutboxBacklog(UsageApi.GatewayAttributes, 0, 0, null)], await outbox.BacklogAsync());
    }

    [Fact]
    public async Task Pending_and_claimed_entries_are_counted_per_api_with_the_oldest_pending_enqueue_time()
    {
        var clock = new ManualClock(Start);
        await using var outbox = await OpenAsync(clock);
        await outbox.EnqueueRecordsAsync([Records.Compute("a1"), Records.Compute("a2"), Records.Job(1)]);
        clock.Advance(TimeSpan.FromHours(1));
        await outbox.EnqueueRecordsAsync([Records.Compute("a3"), Records.Compute("a4"), Records.Report(1.5), Records.Job(2)]);
        clock.Advance(TimeSpan.FromHours(1));

        var amie = await outbox.ClaimAsync(1, TimeSpan.FromMinutes(5), UsageApi.Amie); // a1, the oldest
        var gateway = await outbox.ClaimAsync(2, TimeSpan.FromMinutes(5), UsageApi.GatewayAttributes);
        Assert.Equal(2, await outbox.MarkDeliveredAsync([gateway[0].Id, gateway[1].Id])); // delivered: no longer backlog
        var rejected = await outbox.ClaimAsync(1, TimeSpan.FromMinutes(5), UsageApi.Amie); // a2
        Assert.True(await outbox.MarkRejectedAsync(rejected[0].Id, "refused")); // rejected: never sent again, not backlog

        var backlog = await outbox.BacklogAsync();

        Assert.Single(amie);
        Assert.Equal(
            [
                new OutboxBacklog(UsageApi.Amie, 2, 1, Start.AddHours(1)), // a3, a4 pending since the second enqueue; a1 claimed
                new OutboxBacklog(UsageApi.Perseus, 1, 0, Start.AddHours(1)),
                new OutboxBacklog(UsageApi.GatewayAttributes, 0, 0, null),
            ],
            backlog);
        Assert.Equal(3, backlog[0].Depth);
        Assert.Equal(TimeSpan.FromHours(1), backlog[0].OldestPendingAge(clock.GetUtcNow()));
        Assert.Equal(TimeSpan.Zero, backlog[2].OldestPendingAge(clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_released_entry_keeps_its_first_enqueue_time()
    {
        var clock = new ManualClock(Start);
        await using var outbox = await OpenAsync(clock);
        await outbox.EnqueueRecordsAsync([Records.Compute("late")]);
        clock.Advance(TimeSpan.FromDays(2));
        var claimed = await outbox.ClaimAsync(10, TimeSpan.FromMinutes(5));
        Assert.Equal(1, await outbox.ReleaseAsync([claimed[0].Id], "503"));

        var amie = (await outbox.BacklogAsync())[0];

        Assert.Equal(new OutboxBacklog(UsageApi.Amie, 1, 0, Start), amie);
        Assert.Equal(TimeSpan.FromDays(2), amie.OldestPendingAge(clock.GetUtcNow()));
    }
}

public sealed class SqliteOutboxBacklogTests : OutboxBacklogContract, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    protected override Task<IUsageOutbox> OpenAsync(TimeProvider clock) =>
        Task.FromResult<IUsageOutbox>(SqliteUsageOutbox.Open(new SqliteOutboxOptions { Path = _dir.File(), TimeProvider = clock }));

    /// <summary>The gauges (the only test of this assembly that registers an outbox with them, so the values are this outbox's).</summary>
    [Fact]
    public async Task The_gauges_report_depth_and_oldest_pending_age_per_api_while_registered()
    {
        var clock = new ManualClock(Start);
        await using var outbox = await OpenAsync(clock);
        await outbox.EnqueueRecordsAsync([Records.Compute("a1"), Records.Compute("a2")]);
        await outbox.ClaimAsync(1, TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(90));
        var depth = new Dictionary<string, long>();
        var age = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OutboxMetrics.MeterName && instrument.Name is OutboxMetrics.DepthGauge or OutboxMetrics.OldestPendingAgeGauge)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => depth[Api(tags)] = value);
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => age[Api(tags)] = value);
        listener.Start();

        using (OutboxMetrics.ObserveBacklog(outbox, clock))
        {
            listener.RecordObservableInstruments();
        }

        Assert.Equal(new Dictionary<string, long> { ["amie"] = 2, ["perseus"] = 0, ["gateway"] = 0 }, depth);
        Assert.Equal(new Dictionary<string, double> { ["amie"] = 5400, ["perseus"] = 0, ["gateway"] = 0 }, age);

        depth.Clear();
        listener.RecordObservableInstruments(); // unregistered: nothing is reported
        Assert.Empty(depth);
    }

    private static string Api(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == OutboxMetrics.ApiTag)
            {
                return (string)tag.Value!;
            }
        }

        throw new InvalidOperationException("no usage.api tag");
    }
}

[Collection(PostgresTests.Name)]
public sealed class PostgresOutboxBacklogTests(PostgresServer server) : OutboxBacklogContract, IAsyncLifetime
{
    private readonly string _schema = PostgresServer.NewSchema();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (server.Available)
        {
            await server.ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
    }

    protected override async Task<IUsageOutbox> OpenAsync(TimeProvider clock) =>
        await PostgresUsageOutbox.OpenAsync(server.Options(_schema, clock));
}
