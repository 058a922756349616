using UsageSchema.Outbox;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// The outbox as the dispatcher of one <c>send</c> run sees it: every call goes to the real outbox
/// unchanged, and the outcomes it records (delivered, rejected) are also told to the run's
/// <see cref="RunLedger"/>, so the run knows what became of its own records without reading the
/// outbox back (no listing of every pending, claimed or rejected entry).
/// </summary>
internal sealed class ObservedOutbox(IUsageOutbox inner, RunLedger ledger) : IUsageOutbox
{
    public string ClaimerId => inner.ClaimerId;

    public Task<IReadOnlyList<EnqueueResult>> EnqueueAsync(IEnumerable<OutboxItem> items, CancellationToken cancellationToken = default) => inner.EnqueueAsync(items, cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxCount, TimeSpan lease, UsageApi? api = null, CancellationToken cancellationToken = default) => inner.ClaimAsync(maxCount, lease, api, cancellationToken);

    public async Task<int> MarkDeliveredAsync(IEnumerable<long> ids, CancellationToken cancellationToken = default)
    {
        var list = ids as IReadOnlyCollection<long> ?? [.. ids];
        var changed = await inner.MarkDeliveredAsync(list, cancellationToken).ConfigureAwait(false);
        ledger.MarkedDelivered(list);
        return changed;
    }

    public async Task<bool> MarkRejectedAsync(long id, string reason, CancellationToken cancellationToken = default)
    {
        var changed = await inner.MarkRejectedAsync(id, reason, cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            ledger.Reject(id, reason);
        }

        return changed;
    }

    public Task<int> RenewAsync(IEnumerable<long> ids, TimeSpan lease, CancellationToken cancellationToken = default) => inner.RenewAsync(ids, lease, cancellationToken);

    public Task<int> ReleaseAsync(IEnumerable<long> ids, string failure, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default)
    {
        ledger.LastFailure = failure;
        return inner.ReleaseAsync(ids, failure, retryAfter, cancellationToken);
    }

    public Task<int> ReleaseClaimsAsync(string claimerId, string reason, CancellationToken cancellationToken = default) => inner.ReleaseClaimsAsync(claimerId, reason, cancellationToken);

    public Task<IReadOnlyList<OutboxCount>> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxQuery? query = null, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> ListDeliveredAsync(DateTimeOffset deliveredFrom, DateTimeOffset deliveredTo, UsageApi? api = null, CancellationToken cancellationToken = default) =>
        inner.ListDeliveredAsync(deliveredFrom, deliveredTo, api, cancellationToken);

    public Task<int> RequeueDeliveredAsync(IEnumerable<long> ids, string reason, CancellationToken cancellationToken = default) => inner.RequeueDeliveredAsync(ids, reason, cancellationToken);

    public Task<int> PurgeDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default) => inner.PurgeDeliveredAsync(deliveredBefore, cancellationToken);

    public Task<int> PurgeRejectedAsync(CancellationToken cancellationToken = default) => inner.PurgeRejectedAsync(cancellationToken);

    public Task<IReadOnlyList<OutboxBacklog>> BacklogAsync(CancellationToken cancellationToken = default) => inner.BacklogAsync(cancellationToken);

    // The real outbox belongs to the caller: this view owns nothing to dispose.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose()
    {
    }
}
