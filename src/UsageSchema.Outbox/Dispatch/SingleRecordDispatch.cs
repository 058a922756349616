using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.Serialization;
using UsageSchema.Validation;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>
/// The dispatch of an API that takes one record per request (gateway, PERSEUS): the stored payload
/// is read back, sent, and its outcome mapped; invalid records and 4xx refusals → rejected with the
/// reason; network failures, authentication failures, a service that stays unavailable and
/// unreadable answers → released. After a failure that would fail every later record the same way
/// (authentication, unavailable), the rest of the batch is released without sending.
/// </summary>
/// <typeparam name="TRecord">The record type stored for this API.</typeparam>
internal abstract class SingleRecordDispatch<TRecord> : IApiDispatch
    where TRecord : class
{
    public abstract OutboxApi Api { get; }

    /// <summary>The <see cref="OutboxEntry.RecordType"/> this dispatch reads.</summary>
    protected abstract string RecordType { get; }

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
                outcomes.Add(EntryOutcome.Released(entry.Id, "Not sent: " + stopped));
                continue;
            }

            TRecord? record;
            try
            {
                record = entry.RecordType == RecordType ? JsonSerializer.Deserialize<TRecord>(entry.Payload, UsageJson.Options) : null;
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

            try
            {
                outcomes.Add(await SendOneAsync(entry, record, cancellationToken).ConfigureAwait(false));
            }
            catch (UsageValidationException invalid)
            {
                outcomes.Add(EntryOutcome.Rejected(entry.Id, Reasons.Of(invalid.Message, invalid.Violations)));
            }
            catch (UsageServiceException failure) when (Reasons.IsPermanent(failure))
            {
                outcomes.Add(EntryOutcome.Rejected(entry.Id, Reasons.Of(failure)));
            }
            catch (UsageServiceException failure)
            {
                outcomes.Add(EntryOutcome.Released(entry.Id, Reasons.Of(failure)));
                if (failure is ServiceAuthenticationException or ServiceUnavailableException)
                {
                    stopped = Reasons.Of(failure);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                outcomes.Add(EntryOutcome.Released(entry.Id, exception.Message));
            }
        }

        return outcomes;
    }

    /// <summary>Sends one record; returns its outcome or throws the client's exception.</summary>
    protected abstract Task<EntryOutcome> SendOneAsync(OutboxEntry entry, TRecord record, CancellationToken cancellationToken);
}
