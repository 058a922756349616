namespace UsageSchema.Cli.Input;

/// <summary>The formats <see cref="RecordFileReader"/> reads.</summary>
public enum InputFormat
{
    /// <summary>Chosen from the file name: <c>.json</c>, <c>.jsonl</c>/<c>.ndjson</c>, <c>.csv</c>, <c>.sacct</c>/<c>.psv</c>; for standard input, from its first bytes (<see cref="InputSniffer"/>).</summary>
    Auto,

    /// <summary>One JSON document: a <c>UsageMessage</c>, a record, or an array of either.</summary>
    Json,

    /// <summary>One message or record per line.</summary>
    JsonLines,

    /// <summary>CSV with a header of wire names; <c>Attributes.NodeCount</c> for nested members.</summary>
    Csv,

    /// <summary>Slurm <c>sacct --parsable2</c> output: with its header line, or headerless with the columns given (<see cref="SacctMapping.HeaderlessColumns"/>).</summary>
    Sacct,
}
