using System.CommandLine;
using System.Globalization;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;

namespace UsageSchema.Cli.Commands;

/// <summary><c>status</c>, <c>failed</c> and <c>clear-failed</c>: what the AMIE service holds, and clearing its failed records.</summary>
internal static class AmieCommands
{
    public static Command Status()
    {
        var connection = new ConnectionOptions(UsageApi.Amie);
        var from = new Option<string?>("--from") { Description = "Start of the range (ISO 8601 or a date); open when omitted." };
        var to = new Option<string?>("--to") { Description = "End of the range; open when omitted." };
        var command = new Command("status", $"AMIE: the loading status per resource ({AmieUsageOperations.GetUsageStatus}).");
        connection.AddTo(command);
        command.Options.Add(from);
        command.Options.Add(to);
        command.SetAction((parse, cancellationToken) => AmieAsync(parse, connection, async sender =>
        {
            var statuses = await sender.GetStatusAsync(parse.GetValue(from), parse.GetValue(to), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
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

    public static Command Failed()
    {
        var connection = new ConnectionOptions(UsageApi.Amie);
        var command = new Command("failed", $"AMIE: the failed records not yet cleared ({AmieUsageOperations.GetFailedRecords}).");
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => AmieAsync(parse, connection, async sender =>
        {
            var failed = await sender.GetFailedRecordsAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
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

    public static Command ClearFailed()
    {
        var connection = new ConnectionOptions(UsageApi.Amie);
        var ids = new Option<string[]>("--id") { Description = "A FailedRecordID to clear; repeatable. Without it, every failed record is cleared." };
        var command = new Command("clear-failed", $"AMIE: clear failed records ({AmieUsageOperations.ClearFailedRecords}).");
        connection.AddTo(command);
        command.Options.Add(ids);
        command.SetAction((parse, cancellationToken) => AmieAsync(parse, connection, async sender =>
        {
            var given = parse.GetValue(ids) ?? [];
            var result = given.Length > 0
                ? await sender.ClearFailedRecordsAsync(given, cancellationToken).ConfigureAwait(false)
                : await sender.ClearFailedRecordsAsync(await sender.GetFailedRecordsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
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
        await using var open = await connection.OpenAsync(parse, connection.Settings(parse, GlobalOptions.LoadConfig(parse)), CancellationToken.None).ConfigureAwait(false);
        return await action(open.Amie()).ConfigureAwait(false);
    });
}
