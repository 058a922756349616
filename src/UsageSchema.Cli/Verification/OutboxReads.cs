using UsageSchema.Outbox;

namespace UsageSchema.Cli.Verification;

/// <summary>The outbox reads every verifier makes besides the deliveries.</summary>
internal static class OutboxReads
{
    /// <summary>The entries of <paramref name="api"/> not delivered: pending, claimed or rejected (for the daily "sent" figures).</summary>
    public static async Task<IReadOnlyList<OutboxEntry>> WaitingAsync(IUsageOutbox outbox, UsageApi api, CancellationToken cancellationToken)
    {
        var waiting = new List<OutboxEntry>();
        foreach (var state in (OutboxState[])[OutboxState.Pending, OutboxState.Claimed, OutboxState.Rejected])
        {
            waiting.AddRange(await outbox.ListAsync(new OutboxQuery(state, api, int.MaxValue), cancellationToken).ConfigureAwait(false));
        }

        return waiting;
    }

    /// <summary>Re-queues the entries of the fixable findings (back to pending, to be sent again); the number re-queued.</summary>
    public static async Task<int> RequeueFixableAsync(IUsageOutbox outbox, IEnumerable<VerifyFinding> findings, string reason, CancellationToken cancellationToken)
    {
        var entries = findings.Where(finding => finding is { Fixable: true, EntryId: not null }).Select(finding => finding.EntryId!.Value).Distinct().ToList();
        return entries.Count == 0 ? 0 : await outbox.RequeueDeliveredAsync(entries, reason, cancellationToken).ConfigureAwait(false);
    }
}
