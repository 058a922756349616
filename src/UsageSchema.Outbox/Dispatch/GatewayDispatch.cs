using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.GatewayAttributes;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Serialization;
using UsageSchema.Validation;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>
/// Gateway entries through <see cref="IGatewayAttributesClient"/>, one job at a time: a
/// <c>Job attributes:</c> reply (staged) → delivered; an unknown resource ("Did you mean"), invalid
/// attributes or a 4xx refusal → rejected with the reason; authentication failures, a service that
/// stays unavailable and unreadable answers → released (the rest of the batch too after the first two).
/// </summary>
internal sealed class GatewayDispatch(IGatewayAttributesClient client) : IApiDispatch
{
    public OutboxApi Api => OutboxApi.Gateway;

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

            JobAttributes? attributes;
            try
            {
                attributes = entry.RecordType == RecordTypes.JobAttributes ? JsonSerializer.Deserialize<JobAttributes>(entry.Payload, UsageJson.Options) : null;
            }
            catch (JsonException exception)
            {
                outcomes.Add(EntryOutcome.Rejected(entry.Id, "The stored job attributes are not readable: " + exception.Message));
                continue;
            }

            if (attributes is null)
            {
                outcomes.Add(EntryOutcome.Rejected(entry.Id, $"The stored record type '{entry.RecordType}' is not gateway job attributes."));
                continue;
            }

            try
            {
                var reply = await client.SubmitAsync(attributes, cancellationToken).ConfigureAwait(false);
                outcomes.Add(reply.Kind switch
                {
                    JobAttributesReplyKind.Staged => EntryOutcome.Delivered(entry.Id),
                    JobAttributesReplyKind.UnknownResource => EntryOutcome.Rejected(entry.Id,
                        $"Unknown resource '{attributes.XsedeResourceName}'; the service suggests: {string.Join(", ", reply.SuggestedResourceNames)}"),
                    _ => EntryOutcome.Rejected(entry.Id, $"The service did not stage the job (reply: {reply.Kind})."),
                });
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
