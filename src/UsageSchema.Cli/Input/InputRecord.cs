namespace UsageSchema.Cli.Input;

/// <summary>A record read from a file.</summary>
/// <param name="Location">Where it was read, e.g. <c>line 4</c> or <c>Records[2]</c>.</param>
/// <param name="Record">The record, one of <see cref="InputRecordTypes.All"/>: its API is <see cref="IUsageRecord.Api"/>, its schema <see cref="IUsageRecord.RecordKind"/>.</param>
public sealed record InputRecord(string Location, IUsageRecord Record);
