using System.CommandLine;
using System.Globalization;
using UsageSchema.Amie;
using UsageSchema.Cli.Sending;
using UsageSchema.Cli.Verification;
using UsageSchema.GatewayAttributes;

namespace UsageSchema.Cli.Commands;

/// <summary>
/// <c>verify amie|gateway|perseus</c>: compares what the outbox delivered in a window with what the service holds,
/// and with <c>--fix</c> re-queues what the service does not hold (or, where a re-send overwrites, holds otherwise)
/// and clears AMIE failed records loaded since.
/// </summary>
internal static class VerifyCommand
{
    public static Command Build()
    {
        var command = new Command("verify", "Compare the outbox's delivered records with what a service has loaded (exit 0 consistent, 2 findings, 3 service error, 64 usage).");
        command.Subcommands.Add(For(UsageApi.Amie, $"AMIE: the outbox against {AmieUsageOperations.GetLoadedRecords} (where the service has none, the per-resource totals of {AmieUsageOperations.GetUsageStatus}) and {AmieUsageOperations.GetFailedRecords}."));
        var grant = new Option<string?>("--grant") { Description = "The grant (charge number) the gateway's jobs are charged to: reads every job by project and dates; without it, by resource and user, which cannot show jobs this outbox never sent." };
        command.Subcommands.Add(For(UsageApi.GatewayAttributes, $"Gateway: the outbox against {GatewayAttributesOperations.GetJobsByProjectAndDates} (with --grant) or {GatewayAttributesOperations.GetJobsByResourceUserAndDates}.", grant));
        command.Subcommands.Add(For(UsageApi.Perseus, "PERSEUS: the outbox against the installation's listing of a project's reports (GET on the report path, where it has one; else the outbox alone)."));
        return command;
    }

    private static Command For(UsageApi service, string description, Option<string?>? grant = null)
    {
        var connection = new ConnectionOptions(service);
        var outbox = new OutboxOptions(forSend: false);
        var windowOptions = new WindowOptions();
        var fix = new Option<bool>("--fix") { Description = "Re-queue (back to pending, for send or outbox flush) what was delivered but not held, or held otherwise where a re-send overwrites (gateway, PERSEUS); clear AMIE failed records delivered and loaded since." };
        var command = new Command(UsageApiNames.Of(service), description);
        connection.AddTo(command);
        command.Options.Add(outbox.Location);
        foreach (var option in windowOptions.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(fix);
        if (grant is not null)
        {
            command.Options.Add(grant);
        }
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var now = DateTimeOffset.UtcNow;
            var window = windowOptions.Window(parse, now);

            var config = GlobalOptions.LoadConfig(parse);
            var settings = connection.Settings(parse, config);
            await using var handle = await OutboxHandle.OpenAsync(outbox.Named(parse, config) ?? OutboxOptions.DefaultPath(), outbox.NamedOnCommandLine(parse), cancellationToken).ConfigureAwait(false);
            await using var open = await connection.OpenAsync(parse, settings, cancellationToken).ConfigureAwait(false);
            var verifier = Verifiers.For(service, grant is null ? null : parse.GetValue(grant));
            var result = await verifier.VerifyAsync(window, handle.Outbox, open, cancellationToken).ConfigureAwait(false);
            var repair = parse.GetValue(fix) ? await verifier.FixAsync(result, handle.Outbox, open, cancellationToken).ConfigureAwait(false) : null;

            Write(parse.GetValue(GlobalOptions.Json), handle.Name, result, repair);
            return result.Findings.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidRecords;
        }));
        return command;
    }

    private static void Write(bool json, string outboxName, VerifyResult result, VerifyFix? repair)
    {
        var (window, findings, name) = (result.Window, result.Findings, UsageApiNames.Of(result.Service));
        if (json)
        {
            CliJson.Write(Console.Out, new
            {
                service = name,
                outbox = outboxName,
                from = window.From,
                to = window.To,
                findings = findings.Select(finding => new { kind = finding.Kind.ToString(), subject = finding.Subject, detail = finding.Detail, entryId = finding.EntryId, failedRecordId = finding.FailedRecordId, fixable = finding.Fixable }),
                notes = result.Notes,
                fix = repair is null ? null : new { requeued = repair.Requeued, cleared = repair.Cleared },
            });
            return;
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verify {name}, outbox {outboxName}, deliveries {window.From:u} to {window.To:u}: {findings.Count} finding(s)"));
        foreach (var note in result.Notes)
        {
            Console.Out.WriteLine($"note: {note}");
        }

        foreach (var group in findings.GroupBy(finding => finding.Kind))
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group.Key} ({group.Count()}):"));
            foreach (var finding in group)
            {
                Console.Out.WriteLine($"  {finding.Subject}: {finding.Detail}");
            }
        }

        if (repair is not null)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fix: re-queued {repair.Requeued} outbox entr(ies) for sending (usage-schema outbox flush sends them); cleared {repair.Cleared.Count} failed record(s){(repair.Cleared.Count > 0 ? ": " + string.Join(", ", repair.Cleared) : string.Empty)}"));
        }
    }
}
