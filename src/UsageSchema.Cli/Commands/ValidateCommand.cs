using System.CommandLine;
using System.Globalization;
using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Commands;

/// <summary><c>validate FILE</c>: read a file and report every problem, naming the line or record and the field.</summary>
internal static class ValidateCommand
{
    public static Command Build()
    {
        var input = new InputOptions();
        var command = new Command("validate", "Read a file and print every problem, naming the line or record and the field. Exit 0 when all is valid, 2 otherwise.");
        input.AddTo(command);
        command.SetAction((parse, _) => CommandGuard.RunAsync(() =>
        {
            var name = input.NameOf(parse);
            var (read, violations) = input.Read(parse, null);
            var problems = RecordFileReader.InFileOrder(read.Problems.Concat(violations));
            var invalid = read.Problems.Select(problem => problem.Location).Concat(violations.Select(problem => problem.Location)).Distinct(StringComparer.Ordinal).Count();
            var valid = read.Records.Count(record => !violations.Any(problem => problem.Location == record.Location));
            foreach (var note in read.Notes)
            {
                Console.Error.WriteLine($"{name}: note: {note}");
            }

            if (parse.GetValue(GlobalOptions.Json))
            {
                CliJson.Write(Console.Out, new { file = name, records = read.Records.Count, valid, invalid, skipped = read.Skipped.Count, problems, skippedRows = read.Skipped, notes = read.Notes });
            }
            else
            {
                var skipped = read.Skipped.Count > 0 ? $", {read.Skipped.Count.ToString(CultureInfo.InvariantCulture)} skipped (not ended, never started, or job steps)" : string.Empty;
                Console.Out.WriteLine($"{name}: {read.Records.Count.ToString(CultureInfo.InvariantCulture)} record(s) read, {valid.ToString(CultureInfo.InvariantCulture)} valid, {invalid.ToString(CultureInfo.InvariantCulture)} invalid or unreadable{skipped}");
                foreach (var problem in problems)
                {
                    Console.Out.WriteLine("  " + problem);
                }

                foreach (var row in read.Skipped.Where(row => !row.Step))
                {
                    Console.Out.WriteLine("  skipped: " + row);
                }

                // A file without --allocations has several steps per job: they are counted, not listed.
                var steps = read.Skipped.Where(row => row.Step).ToList();
                if (steps.Count > 0)
                {
                    Console.Out.WriteLine($"  skipped: {steps.Count.ToString(CultureInfo.InvariantCulture)} job step row(s) ({string.Join(", ", steps.Take(3).Select(row => $"{row.Location}: {row.JobId}"))}{(steps.Count > 3 ? ", ..." : string.Empty)}): a job is charged once, on its allocation row");
                }
            }

            return Task.FromResult(problems.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidRecords);
        }));
        return command;
    }
}
