namespace UsageSchema.Testing.Fuzzing.Readers;

/// <summary>The CLI's input readers as fuzz targets, one per format <c>usage-schema validate</c> reads.</summary>
internal static class ReaderTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("json", "a JSON document (UsageMessage, record, or an array of either) through RecordFileReader.Read(bytes, Json)", ReaderChecks.Json),
        new("jsonl", "JSON Lines through RecordFileReader.Read(bytes, JsonLines)", ReaderChecks.JsonLines),
        new("jsonl-fast", "one JSON Lines line through FastRecordParser.TryRead, checked against the precise path (RecordConverter)", ReaderChecks.FastPath),
        new("csv", "CSV with a header of wire names through RecordFileReader.Read(bytes, Csv)", ReaderChecks.Csv),
        new("sacct", "sacct --parsable2 output through RecordFileReader.Read(bytes, Sacct, mapping)", ReaderChecks.Sacct),
    ];
}
