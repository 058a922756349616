using System.CommandLine;
using System.Globalization;
using UsageSchema.Amie.Sending;
using UsageSchema.Cli.Commands;
using UsageSchema.Cli.Input;
using UsageSchema.Cli.Sending;

namespace UsageSchema.Cli;

/// <summary>The <c>usage-schema</c> command line.</summary>
public static class CliApplication
{
    private static Option<bool> Json => GlobalOptions.Json;

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run 'usage-schema --help' for the commands and options.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("usage-schema: validate and send HPC usage to the AMIE Usage API, PERSEUS and the ACCESS Gateway Attributes API; run a local emulator of all three.");
        root.Options.Add(Json);
        root.Options.Add(GlobalOptions.Config);
        root.Subcommands.Add(DemoCommandDefinition());
        root.Subcommands.Add(ValidateCommand());
        root.Subcommands.Add(SendCommand.Build());
        root.Subcommands.Add(OutboxCommand.Build());
        root.Subcommands.Add(StatusCommand());
        root.Subcommands.Add(FailedCommand());
        root.Subcommands.Add(ClearFailedCommand());
        root.Subcommands.Add(EmulateCommand.Build());
        return root;
    }

    private static Command DemoCommandDefinition()
    {
        var command = new Command("demo", "Start the emulator in memory and send sample records (valid and invalid) to all three APIs with the production clients.");
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(() => DemoCommand.RunAsync(Console.Out, parse.GetValue(Json), cancellationToken)));
        return command;
    }

    private static Command ValidateCommand()
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
            if (parse.GetValue(Json))
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

    private static Command StatusCommand()
    {
        var connection = new ConnectionOptions(ServiceKind.Amie);
        var from = new Option<string?>("--from") { Description = "Start of the range (ISO 8601 or a date); open when omitted." };
        var to = new Option<string?>("--to") { Description = "End of the range; open when omitted." };
        var command = new Command("status", "AMIE: the loading status per resource (GET /usage/status).");
        connection.AddTo(command);
        command.Options.Add(from);
        command.Options.Add(to);
        command.SetAction((parse, cancellationToken) => AmieAsync(parse, connection, async sender =>
        {
            var statuses = await sender.GetStatusAsync(parse.GetValue(from), parse.GetValue(to), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(Json))
            {
                CliJson.Write(Console.Out, statuses.Select(status => new { status.Resource, status.LoadedRecordCount, status.FailedJobCount, status.TotalCharge }).ToList());
            }
            else
            {
                Console.Out.WriteLine($"{statuses.Count.ToString(CultureInfo.InvariantCulture)} resource(s)");
                foreach (var status in statuses)
                {
                    Console.Out.WriteLine($"  {status.Resource}: {status.LoadedRecordCount.ToString(CultureInfo.InvariantCulture)} loaded, {status.FailedJobCount.ToString(CultureInfo.InvariantCulture)} failed, total charge {status.TotalCharge.ToString(CultureInfo.InvariantCulture)}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command FailedCommand()
    {
        var connection = new ConnectionOptions(ServiceKind.Amie);
        var command = new Command("failed", "AMIE: the failed records not yet cleared (GET /usage/failed).");
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => AmieAsync(parse, connection, async sender =>
        {
            var failed = await sender.GetFailedRecordsAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(Json))
            {
                CliJson.Write(Console.Out, failed.Select(record => new { record.FailedRecordId, record.UsageType, record.LocalRecordId, record.Resource, record.Error }).ToList());
            }
            else
            {
                Console.Out.WriteLine($"{failed.Count.ToString(CultureInfo.InvariantCulture)} failed record(s)");
                foreach (var record in failed)
                {
                    Console.Out.WriteLine($"  FailedRecordID {record.FailedRecordId}: {record.UsageType} LocalRecordID {record.LocalRecordId} ({record.Resource}): {record.Error}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ClearFailedCommand()
    {
        var connection = new ConnectionOptions(ServiceKind.Amie);
        var ids = new Option<string[]>("--id") { Description = "A FailedRecordID to clear; repeatable. Without it, every failed record is cleared." };
        var command = new Command("clear-failed", "AMIE: clear failed records (DELETE /usage/failed/{ids}).");
        connection.AddTo(command);
        command.Options.Add(ids);
        command.SetAction((parse, cancellationToken) => AmieAsync(parse, connection, async sender =>
        {
            var given = parse.GetValue(ids) ?? [];
            var result = given.Length > 0
                ? await sender.ClearFailedRecordsAsync(given, cancellationToken).ConfigureAwait(false)
                : await sender.ClearFailedRecordsAsync(await sender.GetFailedRecordsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(Json))
            {
                CliJson.Write(Console.Out, new { cleared = result.ClearedIds, requests = result.Requests, skippedWithoutId = result.SkippedWithoutId.Count });
            }
            else
            {
                Console.Out.WriteLine($"cleared {result.ClearedIds.Count.ToString(CultureInfo.InvariantCulture)} failed record(s): {string.Join(", ", result.ClearedIds)}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Task<int> AmieAsync(ParseResult parse, ConnectionOptions connection, Func<AmieUsageSender, Task<int>> action) => CommandGuard.RunAsync(async () =>
    {
        await using var open = await ServiceConnection.OpenAsync(connection.Settings(parse, GlobalOptions.LoadConfig(parse)), Console.Error).ConfigureAwait(false);
        return await action(open.Amie()).ConfigureAwait(false);
    });
}
