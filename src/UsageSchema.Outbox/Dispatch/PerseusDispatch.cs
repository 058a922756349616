using UsageSchema.Perseus;
using UsageSchema.Perseus.Client;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>
/// PERSEUS entries through <see cref="IPerseusUsageClient"/>, one report at a time (the outbox already
/// holds one entry per upsert key): accepted (200/201) → delivered; invalid or refused with a 4xx
/// such as 422 → rejected; failures as in <see cref="SingleRecordDispatch{TRecord}"/>.
/// </summary>
internal sealed class PerseusDispatch(IPerseusUsageClient client) : SingleRecordDispatch<UsageReport>
{
    public override UsageApi Api => UsageApi.Perseus;

    protected override string RecordDescription => "a PERSEUS usage report";

    protected override async Task<EntryOutcome> SendOneAsync(OutboxEntry entry, UsageReport record, CancellationToken cancellationToken)
    {
        await client.ReportAsync(record, cancellationToken).ConfigureAwait(false);
        return EntryOutcome.Delivered(entry.Id);
    }
}
