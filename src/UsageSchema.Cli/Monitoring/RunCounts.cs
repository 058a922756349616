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
    private readonly ConcurrentDictionary<string, long> _depth = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _age = new(StringComparer.Ordinal);

    public RunCounts()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is UsageSchemaTelemetry.MeterName or OutboxMetrics.MeterName
                && (Outcomes.ContainsKey(instrument.Name) || instrument.Name is OutboxMetrics.DepthGauge or OutboxMetrics.OldestPendingAgeGauge))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == OutboxMetrics.DepthGauge)
            {
                _depth[Api(tags)] = value;
                return;
            }

            _counts.AddOrUpdate((Api(tags), Outcomes[instrument.Name]), value, (_, total) => total + value);
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == OutboxMetrics.OldestPendingAgeGauge)
            {
                _age[Api(tags)] = value;
            }
        });
        _listener.Start();
    }

    /// <summary>The totals so far, per API and outcome.</summary>
    public IReadOnlyDictionary<(string Api, string Outcome), long> Snapshot() => new Dictionary<(string Api, string Outcome), long>(_counts);

    /// <summary>
    /// Observes the outbox gauges on <paramref name="outbox"/> (the same instruments an OpenTelemetry exporter reads)
    /// and returns their values per API, in API order; empty when the outbox could not be read.
    /// </summary>
    public IReadOnlyList<BacklogGauge> ReadBacklog(IUsageOutbox outbox)
    {
        _depth.Clear();
        _age.Clear();
        using (OutboxMetrics.ObserveBacklog(outbox))
        {
            _listener.RecordObservableInstruments();
        }

        return [.. _depth.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new BacklogGauge(pair.Key, pair.Value, _age.GetValueOrDefault(pair.Key)))];
    }

    public void Dispose() => _listener.Dispose();

    private static string Api(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == OutboxMetrics.ApiTag && tag.Value is string api)
            {
                return api;
            }
        }

        return "unknown";
    }
}
