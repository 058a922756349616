using System.CommandLine;
using System.Globalization;
using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Commands;

/// <summary>
/// <c>validate FILE</c>: read a file (or standard input) and report every problem, naming the line or
/// record and the field. One pass over the input, in bounded memory: records are counted as they are
/// read and validated, problems kept only up to <see cref="ProblemLog.MaxShown"/> (all of them go to
/// <c>--problems FILE</c>).
/// </summary>
internal static class ValidateCommand
{
    public static Command Build()
    {
        var input = new InputOptions();
        var command = new Command("validate", "Read a file and print every problem, naming the line or record and the field. Exit 0 when all is valid, 2 otherwise.");
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var name = input.NameOf(parse);
            using var problems = input.OpenProblemLog(parse);
            var items = input.Open(parse, null, cancellationToken);
            int records = 0, valid = 0, invalid = 0, skipped = 0, steps = 0;
            string? lastInvalid = null;
            var skippedRows = new List<SkippedRow>();
            var firstSteps = new List<SkippedRow>();
            var notes = new List<string>();
            await foreach (var batch in items.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in batch)
                {
                    if (item.Record is not null)
                    {
                        records++;
                        valid += item.Valid ? 1 : 0;
                    }
                    else if (item.Problem is { } problem)
                    {
                        // A record's problems come together, so counting changes of location counts the invalid records.
                        if (!string.Equals(problem.Location, lastInvalid, StringComparison.Ordinal))
                        {
                            invalid++;
                            lastInvalid = problem.Location;
                        }

                        problems.Add(problem);
                    }
                    else if (item.Skipped is { } row)
                    {
                        skipped++;
                        if (row.Step)
                        {
                            steps++;
                            if (firstSteps.Count < 3)
                            {
                                firstSteps.Add(row);
                            }
                        }
                        else if (skippedRows.Count < ProblemLog.MaxShown)
                        {
                            skippedRows.Add(row);
                        }
                    }
                    else if (item.Note is { } note)
                    {
                        notes.Add(note);
                        await Console.Error.WriteLineAsync($"{name}: note: {note}").ConfigureAwait(false);
                    }
                }
            }

            if (parse.GetValue(GlobalOptions.Json))
            {
                CliJson.Write(Console.Out, new
                {
                    file = name,
                    records,
                    valid,
                    invalid,
                    skipped,
                    problems = problems.Shown,
                    problemCount = problems.Count,
                    problemsOmitted = problems.Omitted > 0 ? problems.Omitted : (int?)null,
                    skippedRows,
                    notes,
                });
            }
            else
            {
                var skippedText = skipped > 0 ? $", {skipped.ToString(CultureInfo.InvariantCulture)} skipped (not ended, never started, or job steps)" : string.Empty;
                Console.Out.WriteLine($"{name}: {records.ToString(CultureInfo.InvariantCulture)} record(s) read, {valid.ToString(CultureInfo.InvariantCulture)} valid, {invalid.ToString(CultureInfo.InvariantCulture)} invalid or unreadable{skippedText}");
                foreach (var problem in problems.Shown)
                {
                    Console.Out.WriteLine("  " + problem);
                }

                if (problems.OmittedLine() is { } omitted)
                {
                    Console.Out.WriteLine("  " + omitted);
                }

                foreach (var row in skippedRows)
                {
                    Console.Out.WriteLine("  skipped: " + row);
                }

                var otherSkipped = skipped - steps - skippedRows.Count;
                if (otherSkipped > 0)
                {
                    Console.Out.WriteLine($"  skipped: ... and {otherSkipped.ToString(CultureInfo.InvariantCulture)} more row(s) not listed");
                }

                // A file without --allocations has several steps per job: they are counted, not listed.
                if (steps > 0)
                {
                    Console.Out.WriteLine($"  skipped: {steps.ToString(CultureInfo.InvariantCulture)} job step row(s) ({string.Join(", ", firstSteps.Select(row => $"{row.Location}: {row.JobId}"))}{(steps > 3 ? ", ..." : string.Empty)}): a job is charged once, on its allocation row");
                }
            }

            return problems.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidRecords;
        }));
        return command;
    }
}
