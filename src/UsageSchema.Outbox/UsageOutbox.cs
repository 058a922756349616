namespace UsageSchema.Outbox;

/// <summary>Opens an outbox from a location: a SQLite file path or a PostgreSQL URI / connection string.</summary>
public static class UsageOutbox
{
    /// <summary>
    /// Opens the outbox at <paramref name="location"/>: <c>postgres://</c> or <c>postgresql://</c> URIs
    /// (<c>postgresql://user:password@host:5432/database?schema=usage_outbox</c>; a password may be in the
    /// user info) and Npgsql connection strings (containing <c>Host=</c>) open a
    /// <see cref="PostgresUsageOutbox"/>; anything else is the path of a <see cref="SqliteUsageOutbox"/> file.
    /// </summary>
    /// <param name="location">The location (for example the CLI's <c>--outbox</c>).</param>
    /// <param name="claimerId">This instance's claimer id; a new unique one when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A malformed PostgreSQL location (the message never holds the password).</exception>
    /// <exception cref="PostgresOutboxException">The database could not be opened (the message never holds the password).</exception>
    public static async Task<IUsageOutbox> OpenAsync(string location, string? claimerId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (!PostgresLocation.IsPostgres(location))
        {
            return SqliteUsageOutbox.Open(new SqliteOutboxOptions { Path = location, ClaimerId = claimerId });
        }

        var options = PostgresLocation.Options(location);
        options.ClaimerId = claimerId;
        return await PostgresUsageOutbox.OpenAsync(options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="location"/> names a PostgreSQL database rather than a SQLite file.</summary>
    /// <param name="location">The location.</param>
    public static bool IsPostgres(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return PostgresLocation.IsPostgres(location);
    }

    /// <summary>
    /// <paramref name="location"/> fit for logs and messages: a PostgreSQL location with its password
    /// replaced by <c>***</c>; a file path as it is.
    /// </summary>
    /// <param name="location">The location.</param>
    public static string Describe(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return PostgresLocation.IsPostgres(location) ? PostgresLocation.Redact(location) : location;
    }
}
