using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using UsageSchema.Amie.Sending;
using UsageSchema.Cli.Commands;
using UsageSchema.Cli.Input;
using UsageSchema.Cli.Sending;
using UsageSchema.Emulator;
using UsageSchema.Errors;

namespace UsageSchema.Cli;

/// <summary>The <c>usage-schema</c> command line.</summary>
public static class CliApplication
{
    private static readonly Option<bool> Json = new("--json") { Description = "Write machine-readable JSON to standard output.", Recursive = true };

    /// <summary>
    /// How <c>send</c> delivers records: <see cref="DirectDelivery"/> (straight to the service) today.
    /// The seam for a durable outbox: set it to a factory of an outbox-backed <see cref="IUsageDelivery"/>.
    /// </summary>
    public static Func<ServiceConnection, ServiceKind, IUsageDelivery> DeliveryFactory { get; set; } = static (connection, service) => new DirectDelivery(connection, service);

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
        root.Subcommands.Add(DemoCommandDefinition());
        root.Subcommands.Add(ValidateCommand());
        root.Subcommands.Add(SendCommand());
        root.Subcommands.Add(StatusCommand());
        root.Subcommands.Add(FailedCommand());
        root.Subcommands.Add(ClearFailedCommand());
        root.Subcommands.Add(EmulateCommand());
        return root;
    }

    private static Command DemoCommandDefinition()
    {
        var command = new Command("demo", "Start the emulator in memory and send sample records (valid and invalid) to all three APIs with the production clients.");
        command.SetAction((parse, cancellationToken) => Guard(() => DemoCommand.RunAsync(Console.Out, cancellationToken)));
        return command;
    }

    private static Command ValidateCommand()
    {
        var input = new InputOptions();
        var command = new Command("validate", "Read a file and print every problem, naming the line or record and the field. Exit 0 when all is valid, 2 otherwise.");
        input.AddTo(command);
        command.SetAction((parse, _) => Guard(() =>
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

    private static Command SendCommand()
    {
        var command = new Command("send", "Validate a file and send its valid records straight to a service (no outbox yet). Exit 0, 2 (invalid or refused records), 3 (service error).");
        foreach (var service in Enum.GetValues<ServiceKind>())
        {
            var input = new InputOptions();
            var connection = new ConnectionOptions(service == ServiceKind.Amie);
            var sub = new Command(service.ToString().ToLowerInvariant(), $"Send to the {Describe(service)}.");
            input.AddTo(sub);
            connection.AddTo(sub);
            sub.SetAction((parse, cancellationToken) => Guard(async () =>
            {
                var defaultKind = service switch { ServiceKind.Perseus => RecordKind.Perseus, ServiceKind.Gateway => RecordKind.Gateway, _ => (RecordKind?)null };
                var (read, violations) = input.Read(parse, defaultKind);
                var rejected = read.Problems.Select(problem => new DeliveryRejection(problem.Location, problem.Field, problem.Message))
                    .Concat(violations.Select(problem => new DeliveryRejection(problem.Location, problem.Field, problem.Message))).ToList();
                var invalidLocations = violations.Select(problem => problem.Location).ToHashSet(StringComparer.Ordinal);
                var toSend = new List<InputRecord>();
                foreach (var record in read.Records.Where(record => !invalidLocations.Contains(record.Location)))
                {
                    if (ServiceOf(record.Kind) == service)
                    {
                        toSend.Add(record);
                    }
                    else
                    {
                        rejected.Add(new DeliveryRejection(record.Location, null, $"a {record.Kind} record cannot be sent to the {Describe(service)}"));
                    }
                }

                await using var open = await ServiceConnection.OpenAsync(connection.Settings(parse), Console.Error, cancellationToken: cancellationToken).ConfigureAwait(false);
                var delivery = DeliveryFactory(open, service);
                var report = toSend.Count > 0
                    ? await delivery.DeliverAsync(toSend, cancellationToken).ConfigureAwait(false)
                    : new DeliveryReport { Service = service };
                report.Rejected.InsertRange(0, rejected);
                if (parse.GetValue(Json))
                {
                    CliJson.Write(Console.Out, report);
                }
                else
                {
                    Console.Out.WriteLine($"{Describe(service)}: {toSend.Count.ToString(CultureInfo.InvariantCulture)} record(s) sent, {report.Accepted.ToString(CultureInfo.InvariantCulture)} accepted, {report.Rejected.Count.ToString(CultureInfo.InvariantCulture)} problem(s)");
                    foreach (var response in report.Responses)
                    {
                        Console.Out.WriteLine("  " + response);
                    }

                    foreach (var rejection in report.Rejected)
                    {
                        Console.Out.WriteLine("  rejected: " + rejection);
                    }

                    if (report.ServiceError is not null)
                    {
                        Console.Out.WriteLine("  service error: " + report.ServiceError);
                    }
                }

                return report.ExitCode;
            }));
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static Command StatusCommand()
    {
        var connection = new ConnectionOptions(amie: true);
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
        var connection = new ConnectionOptions(amie: true);
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
        var connection = new ConnectionOptions(amie: true);
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

    private static Command EmulateCommand()
    {
        var port = new Option<int>("--port") { Description = "The TCP port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 5080 };
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep everything in memory instead of a SQLite file." };
        var database = new Option<string>("--db") { Description = "The SQLite file.", DefaultValueFactory = _ => EmulatorOptions.DefaultStoragePath };
        var command = new Command("emulate", "Run the emulator of all three services on loopback until Ctrl+C.") { port, inMemory, database };
        command.SetAction((parse, cancellationToken) => Guard(async () =>
        {
            var options = new EmulatorOptions { Port = parse.GetValue(port), StoragePath = parse.GetValue(inMemory) ? EmulatorOptions.InMemoryStorage : parse.GetValue(database)! };
            await using var host = await EmulatorHost.StartAsync(options, cancellationToken).ConfigureAwait(false);
            var storage = parse.GetValue(inMemory) ? "in memory" : Path.GetFullPath(options.StoragePath);
            if (parse.GetValue(Json))
            {
                CliJson.Write(Console.Out, new { baseAddress = host.BaseAddress, amie = host.AmieBaseAddress, gateway = host.GatewayBaseAddress, perseus = host.PerseusBaseAddress, storage });
            }
            else
            {
                Console.Out.WriteLine($"Emulator running ({storage}). Press Ctrl+C to stop.");
                Console.Out.WriteLine($"  AMIE Usage API:          {host.AmieBaseAddress}  (site {options.AmieSiteName}, key in XA-API-KEY: the emulator default)");
                Console.Out.WriteLine($"  Gateway Attributes API:  {host.GatewayBaseAddress}");
                Console.Out.WriteLine($"  PERSEUS UsageReporting:  {host.PerseusBaseAddress}");
                Console.Out.WriteLine("  The emulator's keys are the EmulatorOptions defaults (see src/UsageSchema.Emulator/README.md).");
            }

            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);

            // Ctrl+C (SIGINT) and SIGTERM end the wait; the host is then disposed, which closes the storage cleanly.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await Console.Out.WriteLineAsync("Stopping.").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Task<int> AmieAsync(ParseResult parse, ConnectionOptions connection, Func<AmieUsageSender, Task<int>> action) => Guard(async () =>
    {
        await using var open = await ServiceConnection.OpenAsync(connection.Settings(parse), Console.Error).ConfigureAwait(false);
        return await action(open.Amie()).ConfigureAwait(false);
    });

    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (CliUsageException exception)
        {
            await Console.Error.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Exception exception) when (exception is UsageServiceException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync("service error: " + exception.Message).ConfigureAwait(false);
            return ExitCodes.ServiceError;
        }
    }

    private static ServiceKind ServiceOf(RecordKind kind) => kind switch
    {
        RecordKind.Perseus => ServiceKind.Perseus,
        RecordKind.Gateway => ServiceKind.Gateway,
        _ => ServiceKind.Amie,
    };

    private static string Describe(ServiceKind service) => service switch
    {
        ServiceKind.Amie => "AMIE Usage API",
        ServiceKind.Perseus => "PERSEUS UsageReporting",
        _ => "Gateway Attributes API",
    };
}
