namespace UsageSchema.Amie.Sending;

/// <summary>What <c>ClearFailedRecordsAsync</c> did.</summary>
/// <param name="ClearedIds">The <c>FailedRecordID</c>s that were cleared, in the order sent.</param>
/// <param name="Requests">How many <c>DELETE</c> requests it took.</param>
/// <param name="SkippedWithoutId">Failed records given without a <c>FailedRecordID</c> (only <c>/usage/failed</c> assigns one); they cannot be cleared.</param>
public sealed record ClearFailedRecordsResult(IReadOnlyList<string> ClearedIds, int Requests, IReadOnlyList<FailedUsageRecord> SkippedWithoutId);
