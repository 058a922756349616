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
            var file = parse.GetValue(input.File)!;
            var (read, violations) = input.Read(parse, null);
            var problems = RecordFileReader.InFileOrder(read.Problems.Concat(violations));
            var invalid = read.Problems.Select(problem => problem.Location).Concat(violations.Select(problem => problem.Location)).Distinct(StringComparer.Ordinal).Count();
            var valid = read.Records.Count(record => !violations.Any(problem => problem.Location == record.Location));
            if (parse.GetValue(GlobalOptions.Json))
            {
                CliJson.Write(Console.Out, new { file = file.Name, records = read.Records.Count, valid, invalid, problems });
            }
            else
            {
                Console.Out.WriteLine($"{file.Name}: {read.Records.Count.ToString(CultureInfo.InvariantCulture)} record(s) read, {valid.ToString(CultureInfo.InvariantCulture)} valid, {invalid.ToString(CultureInfo.InvariantCulture)} invalid or unreadable");
                foreach (var problem in problems)
                {
                    Console.Out.WriteLine("  " + problem);
                }
            }

            return Task.FromResult(problems.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidRecords);
        }));
        return command;
    }
}
