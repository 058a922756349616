namespace UsageSchema.Outbox;

/// <summary>
/// A durable outbox of usage records: records are enqueued before they are sent, claimed by a sender
/// under a lease, and marked delivered, rejected or released. See the README for the rules.
/// </summary>
public interface IUsageOutbox : IAsyncDisposable, IDisposable
{
    /// <summary>This instance's claimer id (written to <c>claimed_by</c>).</summary>
    string ClaimerId { get; }

    /// <summary>Stores the items in one transaction, following the dedupe rules.</summary>
    /// <param name="items">The items.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per item, in order.</returns>
    Task<IReadOnlyList<EnqueueResult>> EnqueueAsync(IEnumerable<OutboxItem> items, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically claims up to <paramref name="maxCount"/> pending entries (or claimed entries whose lease
    /// expired), oldest first, for <paramref name="lease"/>.
    /// </summary>
    /// <param name="maxCount">The batch size.</param>
    /// <param name="lease">How long the claim holds.</param>
    /// <param name="api">Only entries of this API, or any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claimed entries, in id order.</returns>
    Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxCount, TimeSpan lease, UsageApi? api = null, CancellationToken cancellationToken = default);

    /// <summary>Marks entries delivered (not sent again). An entry whose PERSEUS payload was replaced while claimed goes back to pending instead.</summary>
    /// <param name="ids">The entries.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries changed.</returns>
    Task<int> MarkDeliveredAsync(IEnumerable<long> ids, CancellationToken cancellationToken = default);

    /// <summary>Marks an entry this instance holds rejected for good, keeping <paramref name="reason"/>.</summary>
    /// <param name="id">The entry.</param>
    /// <param name="reason">Why: the service's message or the violations.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the entry changed.</returns>
    Task<bool> MarkRejectedAsync(long id, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends by <paramref name="lease"/> (from now) the claims this instance still holds on
    /// <paramref name="ids"/>, while they are being sent; entries it no longer holds are left alone.
    /// </summary>
    /// <param name="ids">The entries.</param>
    /// <param name="lease">The new lease, from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many claims were extended.</returns>
    Task<int> RenewAsync(IEnumerable<long> ids, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Returns entries this instance holds to pending after a transient failure, with attempts + 1.</summary>
    /// <param name="ids">The entries.</param>
    /// <param name="failure">What went wrong.</param>
    /// <param name="retryAfter">Not claimable again before this much time has passed; immediately when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries changed.</returns>
    Task<int> ReleaseAsync(IEnumerable<long> ids, string failure, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns every entry <paramref name="claimerId"/> holds to pending, with attempts + 1, without
    /// waiting for the lease: for a claimer known to be gone (a killed process on this machine), so a
    /// restart resends at once what it had in flight.
    /// </summary>
    /// <param name="claimerId">The claimer that is gone.</param>
    /// <param name="reason">Why, kept as the entries' last error.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries changed.</returns>
    Task<int> ReleaseClaimsAsync(string claimerId, string reason, CancellationToken cancellationToken = default);

    /// <summary>The number of entries per API and state (only non-zero counts).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<OutboxCount>> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Entries, in id order.</summary>
    /// <param name="query">Filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivered entries whose delivery time lies in [<paramref name="deliveredFrom"/>, <paramref name="deliveredTo"/>),
    /// in id order: what a read-back of the service (<c>usage-schema verify</c>) is compared with.
    /// </summary>
    /// <param name="deliveredFrom">The window's start (inclusive).</param>
    /// <param name="deliveredTo">The window's end (exclusive).</param>
    /// <param name="api">Only entries of this API, or any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The delivered entries, each with its delivery time, key and payload.</returns>
    Task<IReadOnlyList<OutboxEntry>> ListDeliveredAsync(DateTimeOffset deliveredFrom, DateTimeOffset deliveredTo, UsageApi? api = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns delivered entries to pending (attempts reset, delivery time cleared, <paramref name="reason"/> kept as the
    /// last error), so they are sent again: for records the service acknowledged but never loaded. Entries in any other
    /// state are left alone.
    /// </summary>
    /// <param name="ids">The entries.</param>
    /// <param name="reason">Why they are sent again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries changed.</returns>
    Task<int> RequeueDeliveredAsync(IEnumerable<long> ids, string reason, CancellationToken cancellationToken = default);

    /// <summary>Deletes delivered entries delivered before <paramref name="deliveredBefore"/>.</summary>
    /// <param name="deliveredBefore">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries were deleted.</returns>
    Task<int> PurgeDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default);

    /// <summary>Deletes all rejected entries.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries were deleted.</returns>
    Task<int> PurgeRejectedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Per API (all of them, zeros included): the pending and claimed entries and when the oldest pending one was
    /// enqueued. One aggregate query over the state index, cheap enough for a gauge read at every scrape.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One backlog per API, in <see cref="UsageApi"/> order.</returns>
    Task<IReadOnlyList<OutboxBacklog>> BacklogAsync(CancellationToken cancellationToken = default);
}

/// <summary>Conveniences over <see cref="IUsageOutbox"/>.</summary>
public static class UsageOutboxExtensions
{
    /// <summary>Enqueues one item.</summary>
    /// <param name="outbox">The outbox.</param>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<EnqueueResult> EnqueueAsync(this IUsageOutbox outbox, OutboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var results = await outbox.EnqueueAsync([item], cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>
    /// Releases the claims of senders that are gone from this machine (see
    /// <see cref="ClaimerIdentity.IsGoneFromThisMachine"/>), so their entries are sent again now rather
    /// than when their leases lapse. Claims of other machines are left to their leases.
    /// </summary>
    /// <param name="outbox">The outbox.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries were released.</returns>
    public static async Task<int> ReleaseAbandonedClaimsAsync(this IUsageOutbox outbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var claimed = await outbox.ListAsync(new OutboxQuery(State: OutboxState.Claimed, Limit: int.MaxValue), cancellationToken).ConfigureAwait(false);
        var released = 0;
        foreach (var claimer in claimed.Select(entry => entry.ClaimedBy).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (ClaimerIdentity.IsGoneFromThisMachine(claimer))
            {
                released += await outbox.ReleaseClaimsAsync(claimer, $"the sender {claimer} ended without recording an outcome", cancellationToken).ConfigureAwait(false);
            }
        }

        return released;
    }

    /// <summary>Enqueues records of any of the three APIs (see <see cref="OutboxItem.For(IUsageRecord)"/>).</summary>
    /// <param name="outbox">The outbox.</param>
    /// <param name="records">The records.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<IReadOnlyList<EnqueueResult>> EnqueueRecordsAsync(this IUsageOutbox outbox, IEnumerable<IUsageRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(records);
        return outbox.EnqueueAsync(records.Select(OutboxItem.For).ToList(), cancellationToken);
    }
}
