using System.Globalization;
using UsageSchema.Errors;

namespace UsageSchema.Amie.Sending;

/// <summary>
/// The outcome of one <c>POST /usage</c> request: one per HTTP request that was answered for good
/// (a request answered <c>413</c> is not listed; its halves are).
/// </summary>
/// <remarks>
/// The request held the <see cref="RecordCount"/> records of type <see cref="UsageType"/> from input
/// position <see cref="FirstRecordIndex"/> to <see cref="LastRecordIndex"/>, except any that are
/// listed as local failures. Only indexes are kept, not the records, so that results stay small
/// however long the input is.
/// </remarks>
public sealed class AmieRequestResult
{
    internal AmieRequestResult(PackedRequest request, int splitDepth)
    {
        UsageType = request.UsageType;
        RecordCount = request.RecordCount;
        BodyBytes = request.BodyBytes;
        FirstRecordIndex = request.Records[0].Index;
        LastRecordIndex = request.Records[^1].Index;
        SplitDepth = splitDepth;
    }

    /// <summary>The usage type of the request's records.</summary>
    public UsageType UsageType { get; }

    /// <summary>How many records the request carried.</summary>
    public int RecordCount { get; }

    /// <summary>The size of the request body in bytes.</summary>
    public int BodyBytes { get; }

    /// <summary>The input position of the request's first record.</summary>
    public long FirstRecordIndex { get; }

    /// <summary>The input position of the request's last record.</summary>
    public long LastRecordIndex { get; }

    /// <summary>How many times the request was halved after <c>413</c> answers; 0 for a request sent as packed.</summary>
    public int SplitDepth { get; }

    /// <summary>The final HTTP status code; null when no answer arrived.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>How many attempts the request took.</summary>
    public int Attempts { get; internal set; }

    /// <summary>How long the request took, retries included.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>The service's answer, when the request succeeded.</summary>
    public UsageResponse? Response { get; internal set; }

    /// <summary>
    /// The records the service reported as failed validation, under either key it may use; empty
    /// when none failed or the request did not succeed.
    /// </summary>
    public IReadOnlyList<FailedUsageRecord> ServiceFailedRecords => Response?.AllFailedRecords ?? [];

    /// <summary>Why the request failed; null when it succeeded.</summary>
    public UsageServiceException? Error { get; internal set; }

    /// <summary>True when the service accepted the request (its records may still be listed in <see cref="ServiceFailedRecords"/>).</summary>
    public bool Succeeded => Error is null;

    /// <inheritdoc />
    public override string ToString() =>
        $"{UsageType} #{FirstRecordIndex.ToString(CultureInfo.InvariantCulture)}..#{LastRecordIndex.ToString(CultureInfo.InvariantCulture)}: " +
        $"{RecordCount.ToString(CultureInfo.InvariantCulture)} records, {BodyBytes.ToString(CultureInfo.InvariantCulture)} bytes, " +
        (Succeeded ? $"status {StatusCode?.ToString(CultureInfo.InvariantCulture)}, {ServiceFailedRecords.Count.ToString(CultureInfo.InvariantCulture)} failed at the service" : "failed: " + Error!.Message);
}
