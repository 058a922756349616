using UsageSchema.Amie;
using UsageSchema.Cli.Sending;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Verification;

/// <summary>AMIE: the outbox against <c>GET /usage/loaded</c> and <c>GET /usage/failed</c>.</summary>
internal sealed class AmieVerifier : IServiceVerifier
{
    public ServiceKind Service => ServiceKind.Amie;

    public async Task<VerifyResult> VerifyAsync(VerifyWindow window, IUsageOutbox outbox, ServiceConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(connection);
        var sender = connection.Amie();
        var delivered = await outbox.ListDeliveredAsync(window.From - VerifyWindow.KnownLookBack, window.To, OutboxApi.Amie, cancellationToken).ConfigureAwait(false);
        var loaded = new List<LoadedUsageRecord>();
        await foreach (var record in sender.GetLoadedRecordsAsync(minLoadedTime: window.From, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            loaded.Add(record);
        }

        var failed = await sender.GetFailedRecordsAsync(cancellationToken).ConfigureAwait(false);
        var findings = AmieReconciliation.Compare(delivered, loaded, failed, window);

        var waiting = new List<OutboxEntry>();
        foreach (var state in (OutboxState[])[OutboxState.Pending, OutboxState.Claimed, OutboxState.Rejected])
        {
            waiting.AddRange(await outbox.ListAsync(new OutboxQuery(state, OutboxApi.Amie, int.MaxValue), cancellationToken).ConfigureAwait(false));
        }

        var days = AmieDailyUsage.Of(delivered.Concat(waiting), loaded, failed, window);
        return new VerifyResult(ServiceKind.Amie, window, findings, days, []);
    }

    public async Task<VerifyFix> FixAsync(VerifyResult result, IUsageOutbox outbox, ServiceConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(connection);
        var entries = result.Findings.Where(finding => finding is { Kind: FindingKind.DeliveredNotLoaded, EntryId: not null }).Select(finding => finding.EntryId!.Value).ToList();
        var requeued = entries.Count == 0 ? 0 : await outbox.RequeueDeliveredAsync(entries, "verify --fix: delivered but not loaded by the service", cancellationToken).ConfigureAwait(false);
        var stale = result.Findings.Where(finding => finding is { Kind: FindingKind.FailedAtService, Fixable: true }).Select(finding => finding.FailedRecordId!).ToList();
        IReadOnlyList<string> cleared = stale.Count == 0 ? [] : (await connection.Amie().ClearFailedRecordsAsync(stale, cancellationToken).ConfigureAwait(false)).ClearedIds;
        return new VerifyFix(requeued, cleared);
    }
}
