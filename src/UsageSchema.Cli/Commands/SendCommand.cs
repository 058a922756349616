using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using UsageSchema.Cli.Input;
using UsageSchema.Cli.Sending;

namespace UsageSchema.Cli.Commands;

/// <summary>
/// <c>send amie|perseus|gateway FILE</c>: read and validate the file, write its valid records to the
/// outbox, then drain the outbox for that service (or, with <c>--direct</c>, send straight away).
/// </summary>
internal static class SendCommand
{
    /// <summary>
    /// How <c>send --direct</c> delivers; replaceable so tests can observe the seam.
    /// </summary>
    public static Func<ServiceConnection, ServiceKind, IUsageDelivery> DirectFactory { get; set; } = static (connection, service) => new DirectDelivery(connection, service);

    public static Command Build()
    {
        var command = new Command("send", "Validate a file, keep its valid records in the durable outbox and send what is not yet delivered. Exit 0, 2 (invalid or refused records), 3 (service error; undelivered records stay in the outbox).");
        foreach (var service in Enum.GetValues<ServiceKind>())
        {
            command.Subcommands.Add(Sub(service));
        }

        return command;
    }

    private static Command Sub(ServiceKind service)
    {
        var input = new InputOptions();
        var connection = new ConnectionOptions(service);
        var outbox = new OutboxOptions(forSend: true);
        var sub = new Command(service.ToString().ToLowerInvariant(), $"Send to the {Services.Describe(service)}.");
        input.AddTo(sub);
        connection.AddTo(sub);
        outbox.AddTo(sub);
        sub.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var config = GlobalOptions.LoadConfig(parse);
            var settings = connection.Settings(parse, config);
            var direct = parse.GetValue(outbox.Direct);
            var emulated = connection.UsesEmulator(parse);
            if (emulated && outbox.NamedOnCommandLine(parse) && !direct)
            {
                throw new CliUsageException("--outbox cannot be used with --emulator: the records would go to an emulator that is gone after this command, and the outbox would record them as delivered.");
            }

            var defaultKind = service switch { ServiceKind.Perseus => RecordKind.Perseus, ServiceKind.Gateway => RecordKind.Gateway, _ => (RecordKind?)null };
            var (read, violations) = input.Read(parse, defaultKind);
            foreach (var note in read.Notes)
            {
                Console.Error.WriteLine($"{input.NameOf(parse)}: note: {note}");
            }

            var rejected = read.Problems.Select(problem => new DeliveryRejection(problem.Location, problem.Field, problem.Message))
                .Concat(violations.Select(problem => new DeliveryRejection(problem.Location, problem.Field, problem.Message))).ToList();
            var invalidLocations = violations.Select(problem => problem.Location).ToHashSet(StringComparer.Ordinal);
            var toSend = new List<InputRecord>();
            foreach (var record in read.Records.Where(record => !invalidLocations.Contains(record.Location)))
            {
                if (Services.Of(record.Kind) == service)
                {
                    toSend.Add(record);
                }
                else
                {
                    rejected.Add(new DeliveryRejection(record.Location, null, $"a {record.Kind} record cannot be sent to the {Services.Describe(service)}"));
                }
            }

            await using var open = await connection.OpenAsync(parse, settings, cancellationToken).ConfigureAwait(false);
            DeliveryReport report;
            if (direct)
            {
                report = toSend.Count > 0 ? await DirectFactory(open, service).DeliverAsync(toSend, cancellationToken).ConfigureAwait(false) : new DeliveryReport { Service = service };
            }
            else
            {
                // A real outbox never feeds a throwaway emulator: it would count the records delivered.
                await using var handle = emulated
                    ? OutboxHandle.OpenTemporary()
                    : await OutboxHandle.OpenAsync(outbox.Named(parse, config) ?? OutboxOptions.DefaultPath(), outbox.NamedOnCommandLine(parse), cancellationToken).ConfigureAwait(false);
                var showProgress = !parse.GetValue(outbox.NoProgress) && !parse.GetValue(GlobalOptions.Json);
                var delivery = new OutboxDelivery(handle.Outbox, handle.Name, open, service, outbox.Dispatcher(parse, config), showProgress);
                report = await delivery.DeliverAsync(toSend, cancellationToken).ConfigureAwait(false);
            }

            report.Rejected.InsertRange(0, rejected);
            Print(report, service, toSend.Count, read.Skipped.Count, parse.GetValue(GlobalOptions.Json));
            return report.ExitCode;
        }));
        return sub;
    }

    private static void Print(DeliveryReport report, ServiceKind service, int sent, int skipped, bool json)
    {
        if (json)
        {
            // Skipped sacct rows (jobs not ended, steps) are no records of the report; said only when there are some.
            var node = JsonSerializer.SerializeToNode(report, CliJson.Options)!.AsObject();
            if (skipped > 0)
            {
                node["skipped"] = skipped;
            }

            CliJson.Write(Console.Out, node);
            return;
        }

        var skippedText = skipped > 0 ? $", {skipped.ToString(CultureInfo.InvariantCulture)} skipped (not ended, never started, or job steps; never sent)" : string.Empty;
        Console.Out.WriteLine($"{Services.Describe(service)}: {sent.ToString(CultureInfo.InvariantCulture)} valid record(s) to send, {report.Accepted.ToString(CultureInfo.InvariantCulture)} accepted, {report.Rejected.Count.ToString(CultureInfo.InvariantCulture)} problem(s){skippedText}");
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
}
