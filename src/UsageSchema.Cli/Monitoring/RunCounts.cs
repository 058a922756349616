using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using UsageSchema.DependencyInjection;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Monitoring;

/// <summary>
/// Listens, for one CLI run, to the library's and the outbox's record counters and sums them per API
/// and outcome, so the metrics file reports what the run did from the same measurements an
/// OpenTelemetry exporter would see (one source of the counts, not a second tally in each command).
/// </summary>
internal sealed class RunCounts : IDisposable
{
    // Instrument name -> the outcome label it is reported under.
    private static readonly Dictionary<string, string> Outcomes = new(StringComparer.Ordinal)
    {
        ["usage_schema.records.sent"] = "sent",
        ["usage_schema.outbox.records.delivered"] = "delivered",
        ["usage_schema.outbox.records.rejected"] = "rejected",
        ["usage_schema.outbox.records.released"] = "released",
    };

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Api, string Outcome), long> _counts = new();

    public RunCounts()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is UsageSchemaTelemetry.MeterName or OutboxMetrics.MeterName && Outcomes.ContainsKey(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? api = null;
            foreach (var tag in tags)
            {
                if (tag.Key == OutboxMetrics.ApiTag)
                {
                    api = tag.Value as string;
                }
            }

            _counts.AddOrUpdate((api ?? "unknown", Outcomes[instrument.Name]), value, (_, total) => total + value);
        });
        _listener.Start();
    }

    /// <summary>The totals so far, per API and outcome.</summary>
    public IReadOnlyDictionary<(string Api, string Outcome), long> Snapshot() => new Dictionary<(string Api, string Outcome), long>(_counts);

    public void Dispose() => _listener.Dispose();
}
