namespace UsageSchema.Outbox;

/// <summary>
/// The outbox's storage failed: the disk is full, the SQLite file stayed locked past the busy timeout,
/// an I/O error, the PostgreSQL connection was lost. The call's own transaction did not commit, so
/// nothing it would have written is half-written: entries committed before stay as they were, and an
/// entry is never marked delivered by a write that failed. The message names the outbox (password
/// masked) and the cause in one line.
/// </summary>
public sealed class OutboxStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutboxStorageException()
        : this("The outbox's storage failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public OutboxStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause (null when its text could leak a secret).</param>
    public OutboxStorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The storage error in SQLite's or PostgreSQL's terms (<c>SQLITE_FULL</c>, <c>57P01</c>), when known.</summary>
    public string? StorageCode { get; init; }
}
