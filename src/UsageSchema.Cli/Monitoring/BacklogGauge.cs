namespace UsageSchema.Cli.Monitoring;

/// <summary>What the outbox gauges read for one API at the end of a run.</summary>
/// <param name="Api">The API (<c>amie</c>, <c>perseus</c>, <c>gateway</c>).</param>
/// <param name="Depth">Entries pending or claimed.</param>
/// <param name="OldestPendingAgeSeconds">Seconds since the oldest pending entry was enqueued; 0 when none is pending.</param>
internal sealed record BacklogGauge(string Api, long Depth, double OldestPendingAgeSeconds);
