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

    private static string Scrub(string text, string? password) =>
        string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);
}
