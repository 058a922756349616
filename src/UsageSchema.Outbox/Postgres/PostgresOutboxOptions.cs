namespace UsageSchema.Outbox;

/// <summary>Settings of a <see cref="PostgresUsageOutbox"/>.</summary>
public sealed class PostgresOutboxOptions
{
    /// <summary>The Npgsql connection string (<c>Host=...;Database=...;Username=...;Password=...</c>).</summary>
    /// <remarks>Never logged or put in an exception: <see cref="PostgresUsageOutbox.Describe"/> shows it with the password redacted.</remarks>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The PostgreSQL schema holding the outbox tables (<c>outbox_entries</c>, <c>outbox_schema_version</c>);
    /// created when missing. Default <c>usage_outbox</c>. Lower-case letters, digits and underscores.
    /// </summary>
    public string Schema { get; set; } = "usage_outbox";

    /// <summary>This instance's claimer id; a new unique one when null.</summary>
    public string? ClaimerId { get; set; }

    /// <summary>
    /// The clock for leases and timestamps. Null (the default): the database clock (<c>now()</c>), so
    /// nodes with skewed clocks agree on when a lease expires. Set it only when one clock drives every
    /// instance (tests moving time by hand).
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }
}
