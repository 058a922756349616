using UsageSchema.Outbox;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// An open outbox for one command, and how to name it in messages. A throwaway outbox (for the
/// embedded emulator) is a temporary SQLite file deleted when the handle is disposed.
/// </summary>
internal sealed class OutboxHandle : IAsyncDisposable
{
    private readonly string? _temporaryFile;

    private OutboxHandle(IUsageOutbox outbox, string name, string? temporaryFile)
    {
        Outbox = outbox;
        Name = name;
        _temporaryFile = temporaryFile;
    }

    public IUsageOutbox Outbox { get; }

    /// <summary>The outbox's location with any password masked.</summary>
    public string Name { get; }

    /// <summary>
    /// Opens <paramref name="location"/>: a PostgreSQL connection (<c>postgresql://</c> URI or a
    /// <c>Host=</c> connection string) or a SQLite file.
    /// </summary>
    /// <param name="location">Where.</param>
    /// <param name="fromCommandLine">Whether it was typed on the command line, where a password would be exposed to every user of the machine.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    public static async Task<OutboxHandle> OpenAsync(string location, bool fromCommandLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var name = UsageOutbox.Describe(location);
        if (UsageOutbox.IsPostgres(location))
        {
            if (fromCommandLine && !string.Equals(name, location, StringComparison.Ordinal))
            {
                throw new CliUsageException($"--outbox {name}: a password is never taken from the command line; use PGPASSWORD, ~/.pgpass or {Commands.OutboxOptions.OutboxVariable}.");
            }

            try
            {
                return new OutboxHandle(await UsageOutbox.OpenAsync(location, cancellationToken: cancellationToken).ConfigureAwait(false), name, null);
            }
            catch (Exception exception) when (exception is ArgumentException or PostgresOutboxException)
            {
                // Both keep the password out of their messages (UsageOutbox.OpenAsync's contract).
                throw new CliUsageException($"The outbox {name} cannot be opened: {exception.Message}", exception);
            }
        }

        if (SharedFileSystem.WarningFor(location) is { } warning)
        {
            await Console.Error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
        }

        // A storage failure while opening (disk full, a locked file) is an OutboxStorageException and
        // ends the command with exit 3 like any other; what is here is a wrong location.
        try
        {
            return new OutboxHandle(SqliteUsageOutbox.Open(location), Path.GetFullPath(location), null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new CliUsageException($"The outbox {Path.GetFullPath(location)} cannot be opened: {exception.Message}", exception);
        }
    }

    /// <summary>A temporary outbox for a run against the embedded emulator, so a real outbox never feeds a throwaway service.</summary>
    public static OutboxHandle OpenTemporary()
    {
        var file = Path.Combine(Path.GetTempPath(), $"usage-schema-outbox-{Guid.NewGuid():N}.db");
        return new OutboxHandle(SqliteUsageOutbox.Open(file), "(temporary, for the embedded emulator)", file);
    }

    public async ValueTask DisposeAsync()
    {
        await Outbox.DisposeAsync().ConfigureAwait(false);
        if (_temporaryFile is not null)
        {
            foreach (var file in new[] { _temporaryFile, _temporaryFile + "-wal", _temporaryFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
