using System.Globalization;
using UsageSchema.Cli.Input;
using UsageSchema.Outbox;
using UsageSchema.Outbox.Dispatch;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// Delivers through the durable outbox: every record is written to the outbox first (in batches, each
/// one transaction), then the outbox is drained for this service: this file's records and whatever an
/// earlier, interrupted run left. A record the outbox already delivered is not sent again, so running
/// the same file twice, or again after a kill, sends exactly what was not delivered.
/// </summary>
/// <param name="outbox">The outbox (owned by the caller).</param>
/// <param name="outboxName">How to name the outbox in messages (no secret).</param>
/// <param name="connection">The clients.</param>
/// <param name="service">The service.</param>
/// <param name="options">How the outbox is drained.</param>
/// <param name="showProgress">Whether to show progress on standard error.</param>
internal sealed class OutboxDelivery(IUsageOutbox outbox, string outboxName, ServiceConnection connection, ServiceKind service, OutboxDispatcherOptions options, bool showProgress) : IUsageDelivery
{
    /// <summary>Records per enqueue transaction: large enough to be fast, small enough that a kill loses little work.</summary>
    internal const int EnqueueBatch = 5_000;

    public async Task<DeliveryReport> DeliverAsync(IReadOnlyList<InputRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var report = new DeliveryReport { Service = service, Records = records.Count };
        var api = OutboxApiOf(service);

        var locations = new Dictionary<long, string>(records.Count);
        var rejectedBefore = new HashSet<long>();
        var outcomes = new Dictionary<EnqueueOutcome, int>();
        foreach (var chunk in records.Chunk(EnqueueBatch))
        {
            var results = await outbox.EnqueueAsync(chunk.Select(record => OutboxItem.For(record.Record)), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < results.Count; i++)
            {
                locations.TryAdd(results[i].Id, chunk[i].Location);
                outcomes[results[i].Outcome] = outcomes.GetValueOrDefault(results[i].Outcome) + 1;
                if (results[i].Outcome == EnqueueOutcome.AlreadyRejected)
                {
                    rejectedBefore.Add(results[i].Id);
                }
                else
                {
                    rejectedBefore.Remove(results[i].Id);
                }
            }
        }

        report.Responses.Add(Describe(outcomes));
        var abandoned = await outbox.ReleaseAbandonedClaimsAsync(cancellationToken).ConfigureAwait(false);
        if (abandoned > 0)
        {
            report.Responses.Add(Count(abandoned) + " entries held by a sender that ended without recording an outcome were released and sent again");
        }

        var pass = await OutboxFlush.RunAsync(outbox, connection, service, options, showProgress, cancellationToken).ConfigureAwait(false);
        report.Responses.Add(OutboxFlush.Describe(pass));

        // What became of this run's records: rejected ones with their reasons, and those still waiting.
        var rejected = (await outbox.ListAsync(new OutboxQuery(OutboxState.Rejected, api, int.MaxValue), cancellationToken).ConfigureAwait(false))
            .Where(entry => locations.ContainsKey(entry.Id)).ToList();
        var waiting = (await outbox.ListAsync(new OutboxQuery(OutboxState.Pending, api, int.MaxValue), cancellationToken).ConfigureAwait(false))
            .Concat(await outbox.ListAsync(new OutboxQuery(OutboxState.Claimed, api, int.MaxValue), cancellationToken).ConfigureAwait(false))
            .Where(entry => locations.ContainsKey(entry.Id)).ToList();
        foreach (var entry in rejected)
        {
            // The identical record was refused by an earlier run: not sent again; a changed one would have replaced it.
            var reason = entry.LastError ?? "rejected";
            report.Rejected.Add(new DeliveryRejection(locations[entry.Id], null, rejectedBefore.Contains(entry.Id) ? "rejected before: " + reason : reason));
        }

        report.Accepted = locations.Count - rejected.Count - waiting.Count;
        if (waiting.Count > 0)
        {
            var lastError = pass.StoppedBy ?? waiting.Select(entry => entry.LastError).LastOrDefault(error => error is not null) ?? "the service did not answer";
            report.ServiceError = $"{Count(waiting.Count)} record(s) are not delivered yet and stay in the outbox {outboxName} (run send again, or 'usage-schema outbox flush'): {lastError}";
        }

        return report;
    }

    internal static OutboxApi OutboxApiOf(ServiceKind service) => service switch
    {
        ServiceKind.Amie => OutboxApi.Amie,
        ServiceKind.Perseus => OutboxApi.Perseus,
        _ => OutboxApi.Gateway,
    };

    private static string Describe(Dictionary<EnqueueOutcome, int> outcomes)
    {
        int Of(EnqueueOutcome outcome) => outcomes.GetValueOrDefault(outcome);
        return $"outbox: {Count(Of(EnqueueOutcome.Added))} added, {Count(Of(EnqueueOutcome.Replaced))} replaced (last wins), "
            + $"{Count(Of(EnqueueOutcome.AlreadyQueued))} already waiting (identical), {Count(Of(EnqueueOutcome.AlreadyDelivered))} delivered before (not sent again), "
            + $"{Count(Of(EnqueueOutcome.AlreadyRejected))} rejected before";
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
