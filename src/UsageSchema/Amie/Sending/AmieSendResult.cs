using System.Globalization;
using UsageSchema.Errors;

namespace UsageSchema.Amie.Sending;

/// <summary>Everything that happened to one <c>SendAsync</c> call: one result per HTTP request, and the records kept back.</summary>
public sealed class AmieSendResult
{
    internal AmieSendResult(IReadOnlyList<AmieRequestResult> requests, IReadOnlyList<LocalRecordFailure> localFailures, long recordsRead, UsageServiceException? stoppedBy)
    {
        Requests = requests;
        LocalFailures = localFailures;
        RecordsRead = recordsRead;
        StoppedBy = stoppedBy;
    }

    /// <summary>One result per HTTP request, in the order they were sent.</summary>
    public IReadOnlyList<AmieRequestResult> Requests { get; }

    /// <summary>Records that were never sent: invalid, too large, or not AMIE records.</summary>
    public IReadOnlyList<LocalRecordFailure> LocalFailures { get; }

    /// <summary>How many items were read from the input.</summary>
    public long RecordsRead { get; }

    /// <summary>
    /// The failure that made the sender stop before the end of the input (refused credentials, or a
    /// service still unavailable after every retry); null when the whole input was processed.
    /// </summary>
    public UsageServiceException? StoppedBy { get; }

    /// <summary>True when the whole input was read and every request was answered.</summary>
    public bool Completed => StoppedBy is null;

    /// <summary>Records in requests the service accepted (some may still be listed in <see cref="ServiceFailedRecords"/>).</summary>
    public long RecordsAccepted => Requests.Where(request => request.Succeeded).Sum(request => (long)request.RecordCount);

    /// <summary>The records the service reported as failed, over all requests.</summary>
    public IReadOnlyList<FailedUsageRecord> ServiceFailedRecords => [.. Requests.SelectMany(request => request.ServiceFailedRecords)];

    /// <summary>True when every record was sent and accepted, and none was reported failed.</summary>
    public bool Succeeded => Completed && LocalFailures.Count == 0 && Requests.All(request => request.Succeeded && request.ServiceFailedRecords.Count == 0);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Requests.Count.ToString(CultureInfo.InvariantCulture)} requests, {RecordsAccepted.ToString(CultureInfo.InvariantCulture)} of {RecordsRead.ToString(CultureInfo.InvariantCulture)} records accepted, " +
        $"{LocalFailures.Count.ToString(CultureInfo.InvariantCulture)} kept back, {ServiceFailedRecords.Count.ToString(CultureInfo.InvariantCulture)} failed at the service" +
        (StoppedBy is null ? string.Empty : "; stopped: " + StoppedBy.Message);
}
