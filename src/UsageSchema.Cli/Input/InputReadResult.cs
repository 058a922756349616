namespace UsageSchema.Cli.Input;

/// <summary>What was read from one file: the records that could be read, and the problems of those that could not.</summary>
/// <param name="Records">The records read, in file order (not yet validated against the spec).</param>
/// <param name="Problems">Lines or records that could not be read.</param>
public sealed record InputReadResult(IReadOnlyList<InputRecord> Records, IReadOnlyList<InputProblem> Problems)
{
    /// <summary>Rows that are on purpose no record (sacct: jobs not ended, job steps); neither records nor problems.</summary>
    public IReadOnlyList<SkippedRow> Skipped { get; init; } = [];

    /// <summary>Things the reader says once about the whole file (e.g. that it has no <c>State</c> column).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
