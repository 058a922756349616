namespace UsageSchema.Outbox;

/// <summary>
/// A PostgreSQL outbox could not be opened. The message names the location with the password replaced
/// by <c>***</c>; the underlying exception is kept only when its text does not contain the password.
/// </summary>
public sealed class PostgresOutboxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgresOutboxException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message (must not contain secrets).</param>
    public PostgresOutboxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message (must not contain secrets).</param>
    /// <param name="innerException">The cause (must not contain secrets).</param>
    public PostgresOutboxException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal static PostgresOutboxException Opening(string description, string? password, Exception cause)
    {
        var reason = Scrub(cause.Message, password);
        var leaks = !string.IsNullOrEmpty(password) && cause.ToString().Contains(password, StringComparison.Ordinal);
        return new PostgresOutboxException($"Could not open the PostgreSQL outbox {description}: {reason}", leaks ? null : cause);
    }

    /// <summary>A storage failure of an open outbox (connection lost, server shut down, disk full on the server), password scrubbed.</summary>
    internal static OutboxStorageException Storage(string description, string? password, Npgsql.NpgsqlException cause)
    {
        var code = cause is Npgsql.PostgresException server ? server.SqlState : null;
        var reason = Scrub(cause.Message.ReplaceLineEndings(" ").Trim(), password);
        var inner = cause.InnerException is { } transport ? " (" + Scrub(transport.Message.ReplaceLineEndings(" ").Trim(), password) + ")" : string.Empty;
        var leaks = !string.IsNullOrEmpty(password) && cause.ToString().Contains(password, StringComparison.Ordinal);
        return new OutboxStorageException($"The PostgreSQL outbox {description} failed: {reason}{inner}. Entries written before stay as they were; run again when the server is back.", leaks ? null : cause)
        {
            StorageCode = code,
        };
    }

    private static string Scrub(string text, string? password) =>
        string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);
}
