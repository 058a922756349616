using System.CommandLine;
using UsageSchema.Cli.Commands;
using UsageSchema.Cli.Configuration;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Monitoring;

/// <summary>
/// Reads, for the metrics file, the backlog of the outbox the run's command uses (its <c>--outbox</c>, else the
/// environment, the configuration file, the default), through the outbox gauges. A command without an outbox, or an
/// outbox file that does not exist (yet), gives no backlog: the file is never created just to be counted.
/// </summary>
internal static class RunOutbox
{
    public static async Task<IReadOnlyList<BacklogGauge>> ReadBacklogAsync(ParseResult parse, RunCounts counts)
    {
        if (parse.CommandResult.Command.Options.FirstOrDefault(option => option.Name == "--outbox") is not Option<string?> outboxOption)
        {
            return [];
        }

        string location;
        try
        {
            location = parse.GetValue(outboxOption)
                ?? (Environment.GetEnvironmentVariable(OutboxOptions.OutboxVariable) is { Length: > 0 } value ? value : null)
                ?? CliConfigLoader.Load(parse.GetValue(GlobalOptions.Config), TextWriter.Null).Outbox
                ?? OutboxOptions.DefaultPath();
        }
        catch (CliUsageException)
        {
            return []; // the command itself said what is wrong with the configuration
        }

        if (!UsageOutbox.IsPostgres(location) && !File.Exists(location))
        {
            return [];
        }

        try
        {
            await using var outbox = await UsageOutbox.OpenAsync(location).ConfigureAwait(false);
            return counts.ReadBacklog(outbox);
        }
        catch (Exception exception) when (exception is OutboxStorageException or PostgresOutboxException or ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Left out of the file, so that an alert on the series' absence fires; the messages never hold a password.
            await Console.Error.WriteLineAsync($"warning: the outbox depth was not written to the metrics file: {exception.Message}").ConfigureAwait(false);
            return [];
        }
    }
}
