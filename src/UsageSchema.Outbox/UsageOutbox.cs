namespace UsageSchema.Outbox;

/// <summary>Opens an outbox by location (placeholder until the PostgreSQL store lands).</summary>
public static class UsageOutbox
{
    /// <summary>Opens the outbox at <paramref name="location"/>.</summary>
    /// <param name="location">A SQLite file.</param>
    /// <param name="claimerId">The claimer id, or a new one.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    public static Task<IUsageOutbox> OpenAsync(string location, string? claimerId = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IUsageOutbox>(SqliteUsageOutbox.Open(new SqliteOutboxOptions { Path = location, ClaimerId = claimerId }));
}
