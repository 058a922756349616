using UsageSchema.GatewayAttributes;
using UsageSchema.GatewayAttributes.Client;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>
/// Gateway entries through <see cref="IGatewayAttributesClient"/>, one job at a time: a
/// <c>Job attributes:</c> reply (staged) → delivered; an unknown resource ("Did you mean") → rejected
/// with the suggestions; any other reply is not a verdict → released (see <see cref="DeliveryOutcomes"/>);
/// failures as in <see cref="SingleRecordDispatch{TRecord}"/>.
/// </summary>
internal sealed class GatewayDispatch(IGatewayAttributesClient client) : SingleRecordDispatch<JobAttributes>
{
    public override UsageApi Api => UsageApi.GatewayAttributes;

    protected override string RecordDescription => "gateway job attributes";

    protected override async Task<EntryOutcome> SendOneAsync(OutboxEntry entry, JobAttributes record, CancellationToken cancellationToken)
    {
        var reply = await client.SubmitAsync(record, cancellationToken).ConfigureAwait(false);
        var answer = DeliveryOutcomes.Classify(reply);
        return answer switch
        {
            AnswerClass.Accepted => EntryOutcome.Delivered(entry.Id),
            AnswerClass.RecordVerdict => EntryOutcome.Rejected(entry.Id,
                $"Unknown resource '{record.XsedeResourceName}'; the service suggests: {string.Join(", ", reply.SuggestedResourceNames)}"),
            _ => EntryOutcome.Of(entry.Id, answer, $"The service did not stage the job (reply: {reply.Kind}); it stays pending.", null),
        };
    }
}
