using UsageSchema.Cli.Sending;
using UsageSchema.GatewayAttributes;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Verification;

/// <summary>
/// The gateway: the outbox against the read-back routes. With the gateway's grant number, <c>by_proj_dates</c> reports
/// every job of the gateway; without it, <c>by_res_user_dates</c> is asked for each resource and gateway user the outbox
/// delivered, which cannot show jobs the outbox never sent.
/// </summary>
/// <param name="grant">The grant (charge number) the gateway's jobs are charged to, or null.</param>
internal sealed class GatewayVerifier(string? grant) : IServiceVerifier
{
    public UsageApi Service => UsageApi.GatewayAttributes;

    public async Task<VerifyResult> VerifyAsync(VerifyWindow window, IUsageOutbox outbox, ServiceConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(connection);
        var client = connection.Gateway();
        var delivered = await outbox.ListDeliveredAsync(window.From - VerifyWindow.KnownLookBack, window.To, UsageApi.GatewayAttributes, cancellationToken).ConfigureAwait(false);
        var inWindow = delivered.Where(entry => entry.DeliveredAt is { } at && window.Contains(at)).ToList();

        // The window's days, widened to the submission days of what was delivered in it (a job is selected by its submission day).
        var jobs = inWindow.Select(GatewayReconciliation.DeliveredJob.Of).ToList();
        var days = jobs.Select(job => job.Day).OfType<DateOnly>()
            .Append(DateOnly.FromDateTime(window.From.UtcDateTime)).Append(DateOnly.FromDateTime(window.To.UtcDateTime.AddTicks(-1))).ToList();
        var (first, last) = (days.Min(), days.Max());

        var reported = new List<GatewayJob>();
        var notes = new List<string>();
        if (grant is not null)
        {
            var answer = await client.GetJobsByProjectAsync(grant, first, last, cancellationToken).ConfigureAwait(false);
            reported.AddRange(answer.Result ?? []);
        }
        else
        {
            notes.Add($"Read by resource and user ({GatewayAttributesOperations.GetJobsByResourceUserAndDates}) for each resource and gateway user the outbox delivered: jobs this outbox never sent "
                + "cannot be seen, a job held under another gateway user shows as not reported, and days without jobs are judged from the outbox alone. Give --grant with the gateway's charge number to read every job ({GatewayAttributesOperations.GetJobsByProjectAndDates}). "
                + "The documented route takes the person's login on the resource, not the gateway user; an installation that keeps them apart reports nothing here.");
            foreach (var (resource, user) in jobs.Where(job => job.Resource is not null && job.User is not null)
                .Select(job => (job.Resource!, job.User!)).Distinct())
            {
                var answer = await client.GetJobsByResourceUserAsync(resource, user, first, last, cancellationToken).ConfigureAwait(false);
                reported.AddRange(answer.Result ?? []);
            }
        }

        var findings = GatewayReconciliation.Compare(delivered, reported, window, seesEveryJob: grant is not null);
        var daily = new DailyUsageBuilder(window);
        foreach (var entry in delivered.Concat(await OutboxReads.WaitingAsync(outbox, UsageApi.GatewayAttributes, cancellationToken).ConfigureAwait(false)))
        {
            var job = GatewayReconciliation.DeliveredJob.Of(entry);
            daily.Add(job.Resource ?? string.Empty, job.Day, DailySeries.Sent);
            if (entry.State == OutboxState.Delivered)
            {
                daily.Add(job.Resource ?? string.Empty, job.Day, DailySeries.Delivered);
            }
        }

        foreach (var row in reported.DistinctBy(row => GatewayReconciliation.Key(row.ResourceName, row.LocalJobId), StringComparer.Ordinal))
        {
            daily.Add(row.ResourceName ?? string.Empty, GatewayReconciliation.DayOf(row.SubmitTime), DailySeries.Loaded);
        }

        return new VerifyResult(UsageApi.GatewayAttributes, window, findings, daily.Build(), notes);
    }

    public async Task<VerifyFix> FixAsync(VerifyResult result, IUsageOutbox outbox, ServiceConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(outbox);
        var requeued = await OutboxReads.RequeueFixableAsync(outbox, result.Findings, "verify --fix: delivered but not reported by the gateway, or reported with other attributes", cancellationToken).ConfigureAwait(false);
        return new VerifyFix(requeued, []);
    }
}
