namespace UsageSchema.Outbox;

/// <summary>
/// What waits in the outbox for one API: the entries not yet sent (<see cref="Pending"/>), those a sender holds
/// (<see cref="Claimed"/>), and when the oldest pending entry was enqueued. What the outbox gauges report.
/// </summary>
/// <param name="Api">The API.</param>
/// <param name="Pending">Entries waiting to be sent (including those waiting out a retry delay).</param>
/// <param name="Claimed">Entries a sender holds under a lease (an expired lease included, until it is claimed again).</param>
/// <param name="OldestPendingEnqueuedAt">When the oldest pending entry was first enqueued; null when none is pending.</param>
public sealed record OutboxBacklog(UsageApi Api, long Pending, long Claimed, DateTimeOffset? OldestPendingEnqueuedAt)
{
    /// <summary>Entries not yet delivered or rejected: <see cref="Pending"/> plus <see cref="Claimed"/>.</summary>
    public long Depth => Pending + Claimed;

    /// <summary>How long the oldest pending entry has waited at <paramref name="now"/>; zero when none is pending.</summary>
    /// <param name="now">The time of the reading.</param>
    public TimeSpan OldestPendingAge(DateTimeOffset now) =>
        OldestPendingEnqueuedAt is { } enqueued && now > enqueued ? now - enqueued : TimeSpan.Zero;

    /// <summary>One backlog per API in <see cref="UsageApi"/> order, zero for the APIs <paramref name="rows"/> does not name.</summary>
    internal static IReadOnlyList<OutboxBacklog> ForEveryApi(IEnumerable<OutboxBacklog> rows)
    {
        var byApi = rows.ToDictionary(row => row.Api);
        return [.. UsageApiNames.All.Select(api => byApi.TryGetValue(api, out var row) ? row : new OutboxBacklog(api, 0, 0, null))];
    }
}
