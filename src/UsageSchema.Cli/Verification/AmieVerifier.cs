using UsageSchema.Amie;
using UsageSchema.Cli.Sending;
using UsageSchema.Errors;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Verification;

/// <summary>AMIE: the outbox against <c>GET /usage/loaded</c> (or, where the service has none, the totals of <c>GET /usage/status</c>) and <c>GET /usage/failed</c>.</summary>
internal sealed class AmieVerifier : IServiceVerifier
{
    /// <summary>
    /// Rows asked for per page of <c>GET /usage/loaded</c>: at some 500 bytes a row, a page stays well inside the client's
    /// answer limit (4 MiB), which the service's largest page (25,000 rows) would not.
    /// </summary>
    internal const int LoadedPageSize = 5_000;

    /// <summary>
    /// The most pages one verification reads (1,000,000 rows): the rows are kept for the comparison, so this bounds the
    /// memory a service that pages forever can cost; more is reported as a service error asking for a narrower window.
    /// </summary>
    internal const int MaxLoadedPages = 200;

    public UsageApi Service => UsageApi.Amie;

    public async Task<VerifyResult> VerifyAsync(VerifyWindow window, IUsageOutbox outbox, ServiceConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(connection);
        var sender = connection.Amie();
        var delivered = await outbox.ListDeliveredAsync(window.From - VerifyWindow.KnownLookBack, window.To, UsageApi.Amie, cancellationToken).ConfigureAwait(false);
        var loaded = new List<LoadedUsageRecord>();
        int? noLoaded = null;
        try
        {
            await foreach (var record in sender.GetLoadedRecordsAsync(minLoadedTime: window.From, pageSize: LoadedPageSize, maxPages: MaxLoadedPages, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                loaded.Add(record);
            }
        }
        catch (UsageServiceException exception) when (IsAbsent(exception))
        {
            // /usage/loaded is known only from a third party's client: a service without it says so with one of these.
            noLoaded = exception.StatusCode;
        }
        catch (UnexpectedResponseException exception) when (exception is { StatusCode: null, Request: null })
        {
            // The page bound (no answer is wrong, there are just too many): said in the command's terms.
            throw new UnexpectedResponseException(exception.Message + " For verify: give a later --from, so that the window holds fewer loaded records.", null, null, null, exception);
        }

        var failed = await sender.GetFailedRecordsAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<VerifyFinding> findings;
        IReadOnlyList<string> notes = [];
        if (noLoaded is { } status)
        {
            var totals = await sender.GetStatusAsync(window.From, window.To, cancellationToken).ConfigureAwait(false);
            findings = AmieStatusReconciliation.Compare(delivered, totals, failed, window);
            notes = [AmieStatusReconciliation.Note.Replace("{0}", VerifyText.Count(status), StringComparison.Ordinal)];
        }
        else
        {
            findings = AmieReconciliation.Compare(delivered, loaded, failed, window);
        }

        var waiting = await OutboxReads.WaitingAsync(outbox, UsageApi.Amie, cancellationToken).ConfigureAwait(false);
        var days = AmieDailyUsage.Of(delivered.Concat(waiting), loaded, failed, window);
        return new VerifyResult(UsageApi.Amie, window, findings, days, notes);
    }

    /// <summary>Whether an answer to <c>GET /usage/loaded</c> says the service has no such route: 404, 405 or 501.</summary>
    internal static bool IsAbsent(UsageServiceException exception) => exception.StatusCode is 404 or 405 or 501;

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
