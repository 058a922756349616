using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.Perseus;
using UsageSchema.Perseus.Client;
using UsageSchema.Serialization;
using UsageSchema.Validation;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>
/// PERSEUS entries through <see cref="IPerseusUsageClient"/>, one report at a time (the outbox already
/// holds one entry per upsert key): accepted (200/201) → delivered; invalid, or refused by the service
/// with a 4xx such as 422 → rejected with the violations or the service's message; authentication
/// failures, a service that stays unavailable and unreadable answers → released. After a failure that
/// would fail every later report the same way, the rest of the batch is released without sending.
/// </summary>
internal sealed class PerseusDispatch(IPerseusUsageClient client) : IApiDispatch
{
    public OutboxApi Api => OutboxApi.Perseus;

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

            UsageReport? report;
            try
            {
                report = entry.RecordType == RecordTypes.UsageReport ? JsonSerializer.Deserialize<UsageReport>(entry.Payload, UsageJson.Options) : null;
            }
            catch (JsonException exception)
            {
                outcomes.Add(EntryOutcome.Rejected(entry.Id, "The stored report is not readable: " + exception.Message));
                continue;
            }

            if (report is null)
            {
                outcomes.Add(EntryOutcome.Rejected(entry.Id, $"The stored record type '{entry.RecordType}' is not a PERSEUS usage report."));
                continue;
            }

            try
            {
                await client.ReportAsync(report, cancellationToken).ConfigureAwait(false);
                outcomes.Add(EntryOutcome.Delivered(entry.Id));
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
}
