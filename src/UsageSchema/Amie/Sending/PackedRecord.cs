namespace UsageSchema.Amie.Sending;

/// <summary>One record inside a <see cref="PackedRequest"/>: who it is and where its bytes are.</summary>
/// <param name="Index">The record's 0-based position in the input.</param>
/// <param name="LocalRecordId">The record's <c>LocalRecordID</c>.</param>
/// <param name="Resource">The record's <c>Resource</c>.</param>
/// <param name="Record">The record object.</param>
/// <param name="Offset">Where the record's JSON starts in <see cref="PackedRequest.Body"/>.</param>
/// <param name="Length">The length of the record's JSON in bytes.</param>
public readonly record struct PackedRecord(long Index, string? LocalRecordId, string? Resource, IAmieUsageRecord Record, int Offset, int Length);
