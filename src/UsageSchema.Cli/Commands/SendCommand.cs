using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
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
    public static Func<ServiceConnection, UsageApi, IUsageDelivery> DirectFactory { get; set; } = static (connection, service) => new DirectDelivery(connection, service);

    /// <summary>What the reading side counted while records were taken.</summary>
    private sealed class Counts
    {
        public int Sent { get; set; }

        public int Skipped { get; set; }
    }

    public static Command Build()
    {
        var command = new Command("send", "Validate a file, keep its valid records in the durable outbox and send what is not yet delivered. Exit 0, 2 (invalid or refused records), 3 (service error; undelivered records stay in the outbox).");
        foreach (var service in UsageApiNames.All)
        {
            command.Subcommands.Add(Sub(service));
        }

        return command;
    }

    private static Command Sub(UsageApi service)
    {
        var input = new InputOptions();
        var connection = new ConnectionOptions(service);
        var outbox = new OutboxOptions(forSend: true);
        var sub = new Command(UsageApiNames.Of(service), $"Send to the {Services.Describe(service)}.");
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

            var defaultKind = InputRecordTypes.OnlyTypeOf(service);
            using var problems = input.OpenProblemLog(parse);
            var report = new DeliveryReport { Service = service, OnRejected = rejection => problems.Add(new InputProblem(rejection.Location, rejection.Field, rejection.Message)) };
            var items = input.Open(parse, defaultKind, cancellationToken);
            var counts = new Counts();
            var records = ValidRecords(items, service, report, counts, input.NameOf(parse), cancellationToken);

            await using var open = await connection.OpenAsync(parse, settings, cancellationToken).ConfigureAwait(false);
            if (direct)
            {
                await DirectFactory(open, service).DeliverAsync(records, report, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A real outbox never feeds a throwaway emulator: it would count the records delivered.
                await using var handle = emulated
                    ? OutboxHandle.OpenTemporary()
                    : await OutboxHandle.OpenAsync(outbox.Named(parse, config) ?? OutboxOptions.DefaultPath(), outbox.NamedOnCommandLine(parse), cancellationToken).ConfigureAwait(false);
                var showProgress = !parse.GetValue(outbox.NoProgress) && !parse.GetValue(GlobalOptions.Json);
                var delivery = new OutboxDelivery(handle.Outbox, handle.Name, open, service, outbox.Dispatcher(parse, config), showProgress);
                await delivery.DeliverAsync(records, report, cancellationToken).ConfigureAwait(false);
            }

            Print(report, service, counts.Sent, counts.Skipped, problems, parse.GetValue(GlobalOptions.Json));
            return report.ExitCode;
        }));
        return sub;
    }

    /// <summary>
    /// The records to send, taken from the reader as they come: a record the spec refuses, a problem of
    /// the input, or a record of another service is a rejection of the report (in file order); a
    /// skipped row is counted; a note goes to standard error.
    /// </summary>
    private static async IAsyncEnumerable<InputRecord> ValidRecords(ChannelReader<InputItem[]> items, UsageApi service, DeliveryReport report, Counts counts, string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in items.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in batch)
            {
                if (item.Record is { } record)
                {
                    if (!item.Valid)
                    {
                        continue; // Its violations follow it as problems.
                    }

                    if (record.Record.Api != service)
                    {
                        report.Reject(new DeliveryRejection(record.Location, null, $"a {record.Record.RecordKind} record cannot be sent to the {Services.Describe(service)}"));
                        continue;
                    }

                    counts.Sent++;
                    yield return record;
                }
                else if (item.Problem is { } problem)
                {
                    report.Reject(new DeliveryRejection(problem.Location, problem.Field, problem.Message));
                }
                else if (item.Skipped is not null)
                {
                    counts.Skipped++;
                }
                else if (item.Note is { } note)
                {
                    await Console.Error.WriteLineAsync($"{name}: note: {note}").ConfigureAwait(false);
                }
            }
        }
    }

    private static void Print(DeliveryReport report, UsageApi service, int sent, int skipped, ProblemLog problems, bool json)
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
        Console.Out.WriteLine($"{Services.Describe(service)}: {sent.ToString(CultureInfo.InvariantCulture)} valid record(s) to send, {report.Accepted.ToString(CultureInfo.InvariantCulture)} accepted, {report.RejectedCount.ToString(CultureInfo.InvariantCulture)} problem(s){skippedText}");
        foreach (var response in report.Responses)
        {
            Console.Out.WriteLine("  " + response);
        }

        foreach (var rejection in report.Rejected)
        {
            Console.Out.WriteLine("  rejected: " + rejection);
        }

        if (report.RejectedOmitted is { } omitted)
        {
            Console.Out.WriteLine(problems.Path is null
                ? $"  ... and {omitted.ToString(CultureInfo.InvariantCulture)} more problem(s) not shown; --problems FILE writes them all"
                : $"  ... and {omitted.ToString(CultureInfo.InvariantCulture)} more problem(s) in {problems.Path}");
        }

        if (report.ServiceError is not null)
        {
            Console.Out.WriteLine("  service error: " + report.ServiceError);
        }
    }
}
