using System.CommandLine;
using System.Globalization;
using UsageSchema.Cli.Configuration;
using UsageSchema.Outbox.Dispatch;

namespace UsageSchema.Cli.Commands;

/// <summary>Which outbox <c>send</c> and <c>outbox</c> use, and how it is drained.</summary>
internal sealed class OutboxOptions(bool forSend)
{
    /// <summary>The environment variable naming the outbox.</summary>
    public const string OutboxVariable = "USAGE_SCHEMA_OUTBOX";

    public Option<string?> Location { get; } = new("--outbox") { Description = $"The outbox: a SQLite file, or a PostgreSQL connection (postgresql://user@host/db, password from PGPASSWORD or ~/.pgpass). Else {OutboxVariable}, else the configuration file, else {DefaultPath()}." };

    public Option<bool> Direct { get; } = new("--direct") { Description = "Send straight to the service without the outbox (nothing is kept if the run is interrupted)." };

    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Entries claimed and sent at a time (default 5000, or the configuration file's sender.batchSize)." };

    public Option<bool> NoProgress { get; } = new("--no-progress") { Description = "Do not show progress (it is shown on a terminal, and as a line every few seconds otherwise)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Location);
        if (forSend)
        {
            command.Options.Add(Direct);
        }

        command.Options.Add(BatchSize);
        command.Options.Add(NoProgress);
    }

    /// <summary>The outbox named by option, environment or configuration; null when none is named.</summary>
    public string? Named(ParseResult parse, CliConfig config) =>
        parse.GetValue(Location) ?? (Environment.GetEnvironmentVariable(OutboxVariable) is { Length: > 0 } value ? value : null) ?? config.Outbox;

    /// <summary>Whether the outbox was named on the command line itself.</summary>
    public bool NamedOnCommandLine(ParseResult parse) => parse.GetValue(Location) is not null;

    public OutboxDispatcherOptions Dispatcher(ParseResult parse, CliConfig config)
    {
        var batch = parse.GetValue(BatchSize) ?? config.Sender?.BatchSize ?? new OutboxDispatcherOptions().BatchSize;
        if (batch <= 0)
        {
            throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--batch-size {batch} must be positive."));
        }

        return new OutboxDispatcherOptions
        {
            BatchSize = batch,
            Lease = config.Sender?.LeaseSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(10),
        };
    }

    /// <summary>The default outbox: <c>$XDG_STATE_HOME/usage-schema/outbox.db</c> (default <c>~/.local/state</c>).</summary>
    public static string DefaultPath()
    {
        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } value
            ? value
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(stateHome, "usage-schema", "outbox.db");
    }
}
