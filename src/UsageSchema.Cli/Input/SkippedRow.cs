namespace UsageSchema.Cli.Input;

/// <summary>A row read on purpose as no record: a job that has not ended, never started, or a job step.</summary>
/// <param name="Location">Where: <c>line 4</c>.</param>
/// <param name="JobId">The job's id as the file has it (<c>123_[1-3]</c>, <c>123.batch</c>).</param>
/// <param name="Reason">Why it is no record, in plain words.</param>
/// <param name="Step">Whether the row is a job step (<c>123.batch</c>): listed as a count, as a file without <c>--allocations</c> has several per job.</param>
public sealed record SkippedRow(string Location, string JobId, string Reason, bool Step = false)
{
    /// <summary><c>line 4: job 123: still running; charged once it has ended</c>.</summary>
    public override string ToString() => $"{Location}: job {JobId}: {Reason}";
}
