using System.Globalization;
using System.Runtime.CompilerServices;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Cli.Input;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// <c>send amie --direct</c>: the whole stream of records goes to one streamed
/// <see cref="AmieUsageSender.SendAsync(IAsyncEnumerable{IAmieUsageRecord}, IAmieSendObserver, CancellationToken)"/>,
/// which packs the next request while the current one is on the wire. Each outcome is put in the report
/// as the sender tells it (<see cref="IAmieSendObserver"/>), so only the locations of records not yet
/// answered are kept: those of the open requests and the ones on the wire, whatever the input's size.
/// </summary>
/// <param name="report">Where the outcome goes.</param>
/// <param name="responses">The report's answer lines.</param>
internal sealed class AmieDirectSend(DeliveryReport report, ResponseLines responses) : IAmieSendObserver
{
    // Input position (as the sender counts it) → where the record was read, for the records not yet answered.
    private readonly Dictionary<long, string> _locations = [];
    private long _next;
    private long _accepted;

    /// <summary>Sends the records; the ones read after the service stopped the run are counted, not sent.</summary>
    public async Task RunAsync(AmieUsageSender sender, IAsyncEnumerable<InputRecord> records, CancellationToken cancellationToken)
    {
        var input = records.GetAsyncEnumerator(cancellationToken);
        await using (input.ConfigureAwait(false))
        {
            var result = await sender.SendAsync(Feed(input, cancellationToken), this, cancellationToken).ConfigureAwait(false);
            if (result.StoppedBy is { } stoppedBy)
            {
                report.ServiceError = DirectDelivery.Describe(UsageApi.Amie, stoppedBy, 2);
            }

            // The sender stops reading when the service stops the run: the rest is read (so its problems are counted) but not sent.
            while (await input.MoveNextAsync().ConfigureAwait(false))
            {
                report.Records++;
            }
        }

        report.Accepted += (int)_accepted;
    }

    public void KeptBack(LocalRecordFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        DirectDelivery.AddRejections(report, Take(failure.Index), failure.Violations, failure.Message);
    }

    public void Answered(AmieRequestResult result, IReadOnlyList<PackedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(records);
        var first = Take(result.FirstRecordIndex);
        for (var i = 1; i < records.Count; i++)
        {
            _locations.Remove(records[i].Index);
        }

        if (!responses.Keeps)
        {
            responses.Omit();
        }
        else
        {
            responses.Add(result.Succeeded
                ? $"POST usage ({result.UsageType}, {result.RecordCount.ToString(CultureInfo.InvariantCulture)} records): {result.StatusCode?.ToString(CultureInfo.InvariantCulture)} {result.Response?.Message}"
                : $"POST usage ({result.UsageType}, {result.RecordCount.ToString(CultureInfo.InvariantCulture)} records): failed: {result.Error!.Message}");
        }

        if (result.Error is { } error)
        {
            // The same table as the outbox: only a verdict on the record itself rejects it.
            if (DeliveryOutcomes.RuleOf(DeliveryOutcomes.Classify(UsageApi.Amie, error, result.RecordCount)).Rejects)
            {
                report.Reject(new DeliveryRejection(first, null, $"refused by AMIE ({error.StatusCode?.ToString(CultureInfo.InvariantCulture)}): {error.ServiceMessage ?? error.Message}"));
            }
            else
            {
                report.ServiceError ??= DirectDelivery.Describe(UsageApi.Amie, error, result.RecordCount);
            }

            return;
        }

        var failed = result.ServiceFailedRecords;
        foreach (var record in failed)
        {
            report.Reject(new DeliveryRejection($"{IAmieUsageRecord.WireNames.LocalRecordId} {record.LocalRecordId} ({record.Resource})", null, $"refused by AMIE: {record.Error}"));
        }

        _accepted += result.RecordCount - failed.Count;
    }

    private async IAsyncEnumerable<IAmieUsageRecord?> Feed(IAsyncEnumerator<InputRecord> input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await input.MoveNextAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = input.Current;
            report.Records++;
            _locations.Add(_next++, record.Location);
            yield return record.Record as IAmieUsageRecord;
        }
    }

    private string Take(long index) =>
        _locations.Remove(index, out var location) ? location : "#" + index.ToString(CultureInfo.InvariantCulture);
}
