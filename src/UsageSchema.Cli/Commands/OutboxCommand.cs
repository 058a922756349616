using System.CommandLine;
using System.Globalization;
using UsageSchema.Cli.Configuration;
using UsageSchema.Cli.Sending;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Commands;

/// <summary><c>outbox list|flush|purge</c>: look into the durable outbox, send what waits in it, and tidy it.</summary>
internal static class OutboxCommand
{
    public static Command Build()
    {
        var command = new Command("outbox", "Inspect, send and tidy the durable outbox that send writes every record to.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Flush());
        command.Subcommands.Add(Purge());
        return command;
    }

    private static Command List()
    {
        var outbox = new OutboxOptions(forSend: false);
        var state = new Option<string?>("--state") { Description = "Only entries in this state: pending, claimed, delivered, rejected." };
        var api = new Option<string?>("--api") { Description = "Only entries for amie, perseus or gateway." };
        var limit = new Option<int>("--limit") { Description = "At most this many entries, oldest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "Count the outbox's entries per service and state, and list entries with their attempts and last error.");
        command.Options.Add(outbox.Location);
        command.Options.Add(state);
        command.Options.Add(api);
        command.Options.Add(limit);
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var config = GlobalOptions.LoadConfig(parse);
            await using var handle = await Open(parse, outbox, config, cancellationToken).ConfigureAwait(false);
            var counts = await handle.Outbox.CountAsync(cancellationToken).ConfigureAwait(false);
            var query = new OutboxQuery(ParseState(parse.GetValue(state)), ParseApi(parse.GetValue(api)), Math.Max(0, parse.GetValue(limit)));
            var entries = await handle.Outbox.ListAsync(query, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
            {
                CliJson.Write(Console.Out, new
                {
                    outbox = handle.Name,
                    counts = counts.Select(count => new { api = Name(count.Api), state = Name(count.State), count.Count }),
                    entries = entries.Select(entry => new { entry.Id, api = Name(entry.Api), entry.RecordType, key = entry.DedupeKey, state = Name(entry.State), entry.Attempts, entry.LastError, entry.CreatedAt, entry.DeliveredAt }),
                });
                return ExitCodes.Success;
            }

            Console.Out.WriteLine($"outbox {handle.Name}");
            if (counts.Count == 0)
            {
                Console.Out.WriteLine("  empty");
            }

            foreach (var count in counts)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Name(count.Api),-8} {Name(count.State),-10} {count.Count,10:N0}"));
            }

            foreach (var entry in entries)
            {
                var error = entry.LastError is null ? string.Empty : " - " + entry.LastError;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  #{entry.Id} {Name(entry.Api)} {entry.RecordType} {entry.DedupeKey} {Name(entry.State)} (attempts {entry.Attempts}){error}"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Flush()
    {
        var outbox = new OutboxOptions(forSend: false);
        var api = new Option<string?>("--api") { Description = "Only this service: amie, perseus or gateway (default: every service with a URL configured)." };
        var url = new Option<string?>("--url") { Description = "The service's base URL; only with --api (else the environment or the configuration file)." };
        var keyFile = new Option<string?>("--key-file") { Description = "The key or token file; only with --api." };
        var site = new Option<string?>("--site") { Description = "AMIE: the site name; only with --api amie." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one HTTP attempt may take before it is retried (default 100, or the configuration file's sender.timeoutSeconds)." };
        var retries = new Option<int?>("--retries") { Description = "How many times a failed request is retried (default 3, or the configuration file's sender.retries)." };
        var command = new Command("flush", "Send what waits in the outbox (records of interrupted or failed runs). Exit 0 when nothing is left to send, 3 when some still wait, 2 when some were rejected, 64 when a service with entries waiting has no URL.");
        outbox.AddTo(command);
        foreach (var option in new Option[] { api, url, keyFile, site, timeout, retries })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var config = GlobalOptions.LoadConfig(parse);
            var only = ParseApi(parse.GetValue(api));
            if (only is null && (parse.GetValue(url) ?? parse.GetValue(keyFile) ?? parse.GetValue(site)) is not null)
            {
                throw new CliUsageException("--url, --key-file and --site name one service's connection: give --api too.");
            }

            await using var handle = await Open(parse, outbox, config, cancellationToken).ConfigureAwait(false);
            var showProgress = !parse.GetValue(outbox.NoProgress) && !parse.GetValue(GlobalOptions.Json);
            var results = new List<FlushResult>();
            var exitCode = ExitCodes.Success;
            var released = await handle.Outbox.ReleaseAbandonedClaimsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var service in UsageApiNames.All)
            {
                if (only is { } chosen && chosen != service)
                {
                    continue;
                }

                var settings = ConnectionOptions.Tune(
                    ConnectionOptions.Resolve(service, only is null ? null : parse.GetValue(url), only is null ? null : parse.GetValue(keyFile), only is null ? null : parse.GetValue(site), config),
                    parse.GetValue(timeout),
                    parse.GetValue(retries),
                    config);
                var missingUrl = settings.Url is null ? ConnectionOptions.MissingUrl(service, config, $"--api {Name(service)} --url URL", offerEmulator: false) : null;
                if (missingUrl is not null && only is not null)
                {
                    throw missingUrl;
                }

                var before = await Waiting(handle.Outbox, service, cancellationToken).ConfigureAwait(false);
                if (before == 0)
                {
                    continue;
                }

                if (missingUrl is not null)
                {
                    // A usage error, not a service error: the setting is missing, and no rerun sends these entries until it is added.
                    // The other services are still flushed.
                    results.Add(new FlushResult(Name(service), before, 0, 0, 0, before, missingUrl.Message));
                    await Console.Error.WriteLineAsync("error: " + missingUrl.Message).ConfigureAwait(false);
                    exitCode = ExitCodes.UsageError;
                    continue;
                }

                await using var connection = await ServiceConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
                var pass = await OutboxFlush.RunAsync(handle.Outbox, connection, service, outbox.Dispatcher(parse, config), showProgress, cancellationToken).ConfigureAwait(false);
                var left = await Waiting(handle.Outbox, service, cancellationToken).ConfigureAwait(false);
                results.Add(new FlushResult(Name(service), before, pass.Delivered, pass.Rejected, pass.Released, left, null));
                exitCode = Math.Max(exitCode, left > 0 ? ExitCodes.ServiceError : pass.Rejected > 0 ? ExitCodes.InvalidRecords : ExitCodes.Success);
            }

            if (parse.GetValue(GlobalOptions.Json))
            {
                CliJson.Write(Console.Out, new { outbox = handle.Name, releasedFromEndedSenders = released, services = results });
            }
            else
            {
                Console.Out.WriteLine($"outbox {handle.Name}" + (results.Count == 0 ? ": nothing waiting" : string.Empty));
                foreach (var result in results)
                {
                    Console.Out.WriteLine(result.Skipped is { } why
                        ? string.Create(CultureInfo.InvariantCulture, $"  {result.Api}: {result.Waiting} waiting, not sent: {why}")
                        : string.Create(CultureInfo.InvariantCulture, $"  {result.Api}: {result.Waiting} waiting; {result.Delivered} delivered, {result.Rejected} rejected, {result.Released} released to retry; {result.Left} left"));
                }
            }

            return exitCode;
        }));
        return command;
    }

    private static Command Purge()
    {
        var outbox = new OutboxOptions(forSend: false);
        var delivered = new Option<bool>("--delivered") { Description = "Delete delivered entries (with --older-than, only those delivered before then)." };
        var olderThan = new Option<string?>("--older-than") { Description = "With --delivered: an age such as 30d, 12h or 90m." };
        var rejected = new Option<bool>("--rejected") { Description = "Delete rejected entries (their reasons are gone with them)." };
        var command = new Command("purge", "Delete delivered and/or rejected entries. Pending entries are never purged.");
        command.Options.Add(outbox.Location);
        command.Options.Add(delivered);
        command.Options.Add(olderThan);
        command.Options.Add(rejected);
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            if (!parse.GetValue(delivered) && !parse.GetValue(rejected))
            {
                throw new CliUsageException("Say what to purge: --delivered [--older-than AGE] and/or --rejected.");
            }

            var age = parse.GetValue(olderThan) is { } text ? ParseAge(text) : TimeSpan.Zero;
            var config = GlobalOptions.LoadConfig(parse);
            await using var handle = await Open(parse, outbox, config, cancellationToken).ConfigureAwait(false);
            var deliveredCount = parse.GetValue(delivered) ? await handle.Outbox.PurgeDeliveredAsync(DateTimeOffset.UtcNow - age, cancellationToken).ConfigureAwait(false) : 0;
            var rejectedCount = parse.GetValue(rejected) ? await handle.Outbox.PurgeRejectedAsync(cancellationToken).ConfigureAwait(false) : 0;
            if (parse.GetValue(GlobalOptions.Json))
            {
                CliJson.Write(Console.Out, new { outbox = handle.Name, delivered = deliveredCount, rejected = rejectedCount });
            }
            else
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"outbox {handle.Name}: purged {deliveredCount} delivered and {rejectedCount} rejected entries"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>What <c>outbox flush</c> did for one service.</summary>
    private sealed record FlushResult(string Api, long Waiting, int Delivered, int Rejected, int Released, long Left, string? Skipped);

    private static Task<OutboxHandle> Open(ParseResult parse, OutboxOptions outbox, CliConfig config, CancellationToken cancellationToken) =>
        OutboxHandle.OpenAsync(outbox.Named(parse, config) ?? OutboxOptions.DefaultPath(), outbox.NamedOnCommandLine(parse), cancellationToken);

    private static async Task<long> Waiting(IUsageOutbox outbox, UsageApi api, CancellationToken cancellationToken) =>
        (await outbox.CountAsync(cancellationToken).ConfigureAwait(false))
            .Where(count => count.Api == api && count.State is OutboxState.Pending or OutboxState.Claimed)
            .Sum(count => count.Count);

    internal static TimeSpan ParseAge(string text)
    {
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            switch (text[^1])
            {
                case 'd':
                    return TimeSpan.FromDays(amount);
                case 'h':
                    return TimeSpan.FromHours(amount);
                case 'm':
                    return TimeSpan.FromMinutes(amount);
            }
        }

        throw new CliUsageException($"--older-than {text} is not an age such as 30d, 12h or 90m.");
    }

    private static OutboxState? ParseState(string? text) => text?.ToUpperInvariant() switch
    {
        null => null,
        "PENDING" => OutboxState.Pending,
        "CLAIMED" => OutboxState.Claimed,
        "DELIVERED" => OutboxState.Delivered,
        "REJECTED" => OutboxState.Rejected,
        _ => throw new CliUsageException($"--state {text} is not one of pending, claimed, delivered, rejected."),
    };

    private static UsageApi? ParseApi(string? text) =>
        text is null ? null
        : UsageApiNames.TryParse(text.ToLowerInvariant(), out var api) ? api
        : throw new CliUsageException($"--api {text} is not one of {string.Join(", ", UsageApiNames.All.Select(UsageApiNames.Of))}.");

    private static string Name(UsageApi api) => UsageApiNames.Of(api);

    private static string Name(OutboxState state) => state.ToString().ToLowerInvariant();
}
