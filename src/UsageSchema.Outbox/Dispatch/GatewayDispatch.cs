using UsageSchema.GatewayAttributes;
using UsageSchema.GatewayAttributes.Client;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>
/// Gateway entries through <see cref="IGatewayAttributesClient"/>, one job at a time: a
/// <c>Job attributes:</c> reply (staged) → delivered; an unknown resource ("Did you mean") or any
/// other reply → rejected with the reason; failures as in <see cref="SingleRecordDispatch{TRecord}"/>.
/// </summary>
internal sealed class GatewayDispatch(IGatewayAttributesClient client) : SingleRecordDispatch<JobAttributes>
{
    public override OutboxApi Api => OutboxApi.Gateway;

    protected override string RecordType => RecordTypes.JobAttributes;

    protected override string RecordDescription => "gateway job attributes";

    protected override async Task<EntryOutcome> SendOneAsync(OutboxEntry entry, JobAttributes record, CancellationToken cancellationToken)
    {
        var reply = await client.SubmitAsync(record, cancellationToken).ConfigureAwait(false);
        return reply.Kind switch
        {
            JobAttributesReplyKind.Staged => EntryOutcome.Delivered(entry.Id),
            JobAttributesReplyKind.UnknownResource => EntryOutcome.Rejected(entry.Id,
                $"Unknown resource '{record.XsedeResourceName}'; the service suggests: {string.Join(", ", reply.SuggestedResourceNames)}"),
            _ => EntryOutcome.Rejected(entry.Id, $"The service did not stage the job (reply: {reply.Kind})."),
        };
    }
}
