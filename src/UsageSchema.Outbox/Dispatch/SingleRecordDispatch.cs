using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>
/// The dispatch of an API that takes one record per request (gateway, PERSEUS): the stored payload
/// is read back, sent, and its outcome mapped; invalid records and 4xx refusals → rejected with the
/// reason; every other answer is classified by <see cref="DeliveryOutcomes"/>: only a verdict on the
/// record rejects it, the rest is released. After a failure that would fail every later record the
/// same way (authentication, not found, unavailable, an unexpected answer), the rest of the batch is
/// released without sending, carrying the same reason and delay.
/// </summary>
/// <typeparam name="TRecord">The record type stored for this API.</typeparam>
internal abstract class SingleRecordDispatch<TRecord> : IApiDispatch
    where TRecord : class, IUsageRecord
{
    public abstract UsageApi Api { get; }

    /// <summary>How a message names the record kind, e.g. "job attributes".</summary>
    protected abstract string RecordDescription { get; }

    public async Task<IReadOnlyList<EntryOutcome>> SendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var outcomes = new List<EntryOutcome>(entries.Count);
        string? stopped = null;
        foreach (var entry in entries)
        {
            if (stopped is not null)
            {
                outcomes.Add(outcomes[^1] with { Id = entry.Id, Reason = "Not sent: " + stopped });
                continue;
            }

            TRecord? record;
            try
            {
                record = OutboxRecordTypes.TryGet<TRecord>(entry.RecordType, out var type) ? JsonSerializer.Deserialize(entry.Payload, type, UsageJson.Options) as TRecord : null;
            }
            catch (JsonException exception)
            {
                outcomes.Add(EntryOutcome.Rejected(entry.Id, $"The stored {RecordDescription} cannot be read: {exception.Message}"));
                continue;
            }

            if (record is null)
            {
                outcomes.Add(EntryOutcome.Rejected(entry.Id, $"The stored record type '{entry.RecordType}' is not {RecordDescription}."));
                continue;
            }

            EntryOutcome outcome;
            try
            {
                outcome = await SendOneAsync(entry, record, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (DeliveryOutcomes.IsSendFailure(failure))
            {
                outcome = EntryOutcome.Of(entry.Id, DeliveryOutcomes.Classify(Api, failure), Reasons.Of(failure), failure);
                if (failure is ServiceUnavailableException)
                {
                    // The client has retried already; the next records would wait out the same outage.
                    stopped = outcome.Reason;
                }
            }

            outcomes.Add(outcome);
            if (outcome.StopsPass)
            {
                stopped = outcome.Reason;
            }
        }

        return outcomes;
    }

    /// <summary>Sends one record; returns its outcome or throws the client's exception.</summary>
    protected abstract Task<EntryOutcome> SendOneAsync(OutboxEntry entry, TRecord record, CancellationToken cancellationToken);
}
