namespace UsageSchema.Cli.Input;

/// <summary>A record read from a file.</summary>
/// <param name="Location">Where it was read, e.g. <c>line 4</c> or <c>Records[2]</c>.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Record">The record: a <c>ComputeUsageRecord</c>, <c>StorageUsageRecord</c>, <c>AdjustmentUsageRecord</c>, <c>UsageReport</c> or <c>JobAttributes</c>; its API is <see cref="IUsageRecord.Api"/>.</param>
public sealed record InputRecord(string Location, RecordKind Kind, IUsageRecord Record);
