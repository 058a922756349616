namespace UsageSchema.Cli.Input;

/// <summary>
/// Where a reader puts what it reads, as it reads it and in file order: records, problems, rows that
/// are on purpose no record, and notes about the whole file. The readers keep nothing themselves, so
/// what a sink does with each item (validate and send it, count it, collect it) decides the memory.
/// </summary>
public abstract class InputSink
{
    /// <summary>A record read (not yet validated against the spec).</summary>
    public abstract void Add(InputRecord record);

    /// <summary>A line or record that could not be read.</summary>
    public abstract void Add(InputProblem problem);

    /// <summary>A row that is on purpose no record (sacct: a job not ended, a job step).</summary>
    public abstract void Add(SkippedRow row);

    /// <summary>A note about the whole file (e.g. that it has no <c>State</c> column).</summary>
    public abstract void Note(string note);
}

/// <summary>A sink that keeps everything, for a small input read whole (tests, the fuzzers).</summary>
public sealed class CollectingSink : InputSink
{
    private readonly List<InputRecord> _records = [];
    private readonly List<InputProblem> _problems = [];
    private readonly List<SkippedRow> _skipped = [];
    private readonly List<string> _notes = [];

    /// <inheritdoc />
    public override void Add(InputRecord record) => _records.Add(record);

    /// <inheritdoc />
    public override void Add(InputProblem problem) => _problems.Add(problem);

    /// <inheritdoc />
    public override void Add(SkippedRow row) => _skipped.Add(row);

    /// <inheritdoc />
    public override void Note(string note) => _notes.Add(note);

    /// <summary>What was collected.</summary>
    public InputReadResult Result() => new(_records, _problems) { Skipped = _skipped, Notes = _notes };
}
