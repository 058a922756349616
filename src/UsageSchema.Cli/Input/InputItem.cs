namespace UsageSchema.Cli.Input;

/// <summary>
/// One thing read from the input, as the pipeline hands it on: a record (with whether it passed the
/// spec's validation), a problem, a skipped row or a note. Exactly one of the members is set.
/// </summary>
public readonly record struct InputItem
{
    /// <summary>A record read; see <see cref="Valid"/>.</summary>
    public InputRecord? Record { get; init; }

    /// <summary>Whether <see cref="Record"/> passed validation; when not, its violations follow it as problems.</summary>
    public bool Valid { get; init; }

    /// <summary>A problem: a line or record that could not be read, or a spec violation of the record before it.</summary>
    public InputProblem? Problem { get; init; }

    /// <summary>A row that is on purpose no record.</summary>
    public SkippedRow? Skipped { get; init; }

    /// <summary>A note about the whole file.</summary>
    public string? Note { get; init; }
}
