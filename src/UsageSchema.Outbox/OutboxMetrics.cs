using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace UsageSchema.Outbox;

/// <summary>
/// The outbox's instruments, on the <see cref="MeterName"/> meter: entries the dispatcher marked
/// delivered, rejected (the service refused them; they will not be sent again) or released (back to
/// pending, to be retried), each tagged <c>usage.api</c> (<c>amie</c>, <c>perseus</c>, <c>gateway</c>).
/// A rejected count above zero or released entries pass after pass are what an operator alerts on.
/// The gauges <c>usage_schema.outbox.depth</c> (pending and claimed entries) and
/// <c>usage_schema.outbox.oldest_pending.age</c> (seconds) report, per API, the backlog of every outbox
/// registered with <see cref="ObserveBacklog"/>, read with <see cref="IUsageOutbox.BacklogAsync"/> when a
/// collector observes them.
/// </summary>
public static class OutboxMetrics
{
    /// <summary>The name of the outbox's <see cref="Meter"/>: <c>UsageSchema.Outbox</c>.</summary>
    public const string MeterName = "UsageSchema.Outbox";

    /// <summary>The tag naming the API, as the library's instruments name it.</summary>
    public const string ApiTag = "usage.api";

    private static readonly Meter Meter = new(MeterName, typeof(OutboxMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>(
        "usage_schema.outbox.records.delivered", "{record}", "Outbox entries the service accepted.");

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        "usage_schema.outbox.records.rejected", "{record}", "Outbox entries the service refused; they are not sent again.");

    private static readonly Counter<long> Released = Meter.CreateCounter<long>(
        "usage_schema.outbox.records.released", "{record}", "Outbox entries released back to pending after a failed attempt.");

    /// <summary>The gauge of entries not yet delivered or rejected, per API.</summary>
    public const string DepthGauge = "usage_schema.outbox.depth";

    /// <summary>The gauge of the oldest pending entry's age in seconds, per API.</summary>
    public const string OldestPendingAgeGauge = "usage_schema.outbox.oldest_pending.age";

    // The outboxes the gauges read; a registration removes itself when disposed.
    private static readonly List<BacklogSource> Sources = [];

    private static readonly ObservableGauge<long> Depth = Meter.CreateObservableGauge(
        DepthGauge, ObserveDepth, "{record}", "Outbox entries not yet delivered or rejected (pending and claimed).");

    private static readonly ObservableGauge<double> OldestPendingAge = Meter.CreateObservableGauge(
        OldestPendingAgeGauge, ObserveOldestPendingAge, "s", "Seconds since the oldest pending outbox entry was enqueued; 0 when none is pending.");


    /// <summary>
    /// Makes the outbox gauges report <paramref name="outbox"/>'s backlog until the registration is disposed (dispose
    /// it before the outbox). Each observation runs one <see cref="IUsageOutbox.BacklogAsync"/> query, bounded by
    /// <paramref name="timeout"/> (default 5 s); an outbox that cannot be read then reports nothing, so that an
    /// alert on the series' absence fires rather than one on a stale value. Several outboxes are summed per API
    /// (depth) or give their maximum (age).
    /// </summary>
    /// <param name="outbox">The outbox.</param>
    /// <param name="time">The clock the age is measured with; the system's when null.</param>
    /// <param name="timeout">How long one reading may take.</param>
    /// <returns>The registration.</returns>
    public static IDisposable ObserveBacklog(IUsageOutbox outbox, TimeProvider? time = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var source = new BacklogSource(outbox, time ?? TimeProvider.System, timeout ?? TimeSpan.FromSeconds(5));
        lock (Sources)
        {
            Sources.Add(source);
        }

        return source;
    }

    internal static void Outcomes(UsageApi api, int delivered, int rejected, int released)
    {
        var tags = new TagList { { ApiTag, OutboxNames.Of(api) } };

        // Zero is added too, so that a batch that delivered nothing still reports the series (0, not absent).
        Delivered.Add(delivered, tags);
        Rejected.Add(rejected, tags);
        Released.Add(released, tags);
    }

    private static IEnumerable<Measurement<long>> ObserveDepth() =>
        Read().GroupBy(reading => reading.Backlog.Api)
            .Select(api => new Measurement<long>(api.Sum(reading => reading.Backlog.Depth), new TagList { { ApiTag, OutboxNames.Of(api.Key) } }));

    private static IEnumerable<Measurement<double>> ObserveOldestPendingAge() =>
        Read().GroupBy(reading => reading.Backlog.Api)
            .Select(api => new Measurement<double>(api.Max(reading => reading.Backlog.OldestPendingAge(reading.Now).TotalSeconds), new TagList { { ApiTag, OutboxNames.Of(api.Key) } }));

    private static List<(OutboxBacklog Backlog, DateTimeOffset Now)> Read()
    {
        BacklogSource[] sources;
        lock (Sources)
        {
            sources = [.. Sources];
        }

        var readings = new List<(OutboxBacklog, DateTimeOffset)>();
        foreach (var source in sources)
        {
            readings.AddRange(source.Read().Select(backlog => (backlog, source.Time.GetUtcNow())));
        }

        return readings;
    }

    private sealed class BacklogSource(IUsageOutbox outbox, TimeProvider time, TimeSpan timeout) : IDisposable
    {
        public TimeProvider Time => time;

        public IReadOnlyList<OutboxBacklog> Read()
        {
            // Observable instruments are read synchronously by the collector; the query is one cheap aggregate.
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                return outbox.BacklogAsync(cancel.Token).GetAwaiter().GetResult();
            }
            catch (Exception exception) when (exception is OutboxStorageException or PostgresOutboxException or ObjectDisposedException or OperationCanceledException)
            {
                return [];
            }
        }

        public void Dispose()
        {
            lock (Sources)
            {
                Sources.Remove(this);
            }
        }
    }
}
