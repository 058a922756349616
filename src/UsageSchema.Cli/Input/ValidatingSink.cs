namespace UsageSchema.Cli.Input;

/// <summary>
/// A sink that validates each record as it is added and turns what it is given into
/// <see cref="InputItem"/>s in order: a record (valid or not), then its violations as problems.
/// </summary>
internal abstract class ValidatingSink : InputSink
{
    public override void Add(InputRecord record)
    {
        var first = true;
        foreach (var violation in RecordFileReader.Violations(record))
        {
            if (first)
            {
                Put(new InputItem { Record = record, Valid = false });
                first = false;
            }

            Put(new InputItem { Problem = violation });
        }

        if (first)
        {
            Put(new InputItem { Record = record, Valid = true });
        }
    }

    public override void Add(InputProblem problem) => Put(new InputItem { Problem = problem });

    public override void Add(SkippedRow row) => Put(new InputItem { Skipped = row });

    public override void Note(string note) => Put(new InputItem { Note = note });

    /// <summary>Takes the next item, in file order.</summary>
    protected abstract void Put(InputItem item);
}
