using UsageSchema.Cli.Sending;
using UsageSchema.Errors;
using UsageSchema.Outbox;
using UsageSchema.Perseus;

namespace UsageSchema.Cli.Verification;

/// <summary>
/// PERSEUS: the outbox against the listing of each project's reports (GET on the report path). The emulator offers that
/// listing; whether the real service does is not public, so a 404 or 405 on it leaves the outbox-only check (days without
/// reports) and a note saying what could not be checked.
/// </summary>
internal sealed class PerseusVerifier : IServiceVerifier
{
    /// <summary>The note of a result made without a listing.</summary>
    public static readonly string NoListingNote = $"The PERSEUS installation has no listing of stored reports (GET {PerseusOperations.ReportUsage.PathTemplate} answered {{0}}; "
        + "the real service's listing is not documented): only the outbox was checked, for days without reports. "
        + "Whether the delivered reports are held, and with which values, was not checked.";

    public UsageApi Service => UsageApi.Perseus;

    public async Task<VerifyResult> VerifyAsync(VerifyWindow window, IUsageOutbox outbox, ServiceConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(connection);
        var delivered = await outbox.ListDeliveredAsync(window.From - VerifyWindow.KnownLookBack, window.To, UsageApi.Perseus, cancellationToken).ConfigureAwait(false);
        var projects = delivered.Select(entry => PerseusReconciliation.Read(entry).Project).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        List<UsageReport>? held = [];
        var notes = new List<string>();
        if (projects.Count > 0)
        {
            var client = connection.Perseus();
            foreach (var project in projects)
            {
                try
                {
                    held.AddRange(await client.ListReportsAsync(project, cancellationToken).ConfigureAwait(false));
                }
                catch (UsageServiceException exception) when (exception.StatusCode is 404 or 405)
                {
                    notes.Add(NoListingNote.Replace("{0}", VerifyText.Count(exception.StatusCode.Value), StringComparison.Ordinal));
                    held = null;
                    break;
                }
            }
        }

        var findings = PerseusReconciliation.Compare(delivered, held, window);
        var daily = new DailyUsageBuilder(window);
        foreach (var entry in delivered.Concat(await OutboxReads.WaitingAsync(outbox, UsageApi.Perseus, cancellationToken).ConfigureAwait(false)))
        {
            var report = PerseusReconciliation.Read(entry);
            daily.Add(report.Project, report.Day, DailySeries.Sent, report.Value);
            if (entry.State == OutboxState.Delivered)
            {
                daily.Add(report.Project, report.Day, DailySeries.Delivered, report.Value);
            }
        }

        foreach (var report in (held ?? []).Select(PerseusReconciliation.Of).DistinctBy(report => report.Subject, StringComparer.Ordinal))
        {
            daily.Add(report.Project, report.Day, DailySeries.Loaded, report.Value);
        }

        return new VerifyResult(UsageApi.Perseus, window, findings, daily.Build(), notes);
    }

    public async Task<VerifyFix> FixAsync(VerifyResult result, IUsageOutbox outbox, ServiceConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(outbox);
        var requeued = await OutboxReads.RequeueFixableAsync(outbox, result.Findings, "verify --fix: delivered but not held by PERSEUS, or held with another value", cancellationToken).ConfigureAwait(false);
        return new VerifyFix(requeued, []);
    }
}
