namespace UsageSchema.Outbox;

/// <summary>The backlog query, for the outbox gauges.</summary>
public sealed partial class PostgresUsageOutbox
{
    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxBacklog>> BacklogAsync(CancellationToken cancellationToken = default) =>
        StorageAsync(() => BacklogCoreAsync(cancellationToken));

    private async Task<IReadOnlyList<OutboxBacklog>> BacklogCoreAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();

        // Only the waiting states are read (the state index), never the delivered history.
        await using var command = _dataSource.CreateCommand($"""
            SELECT api, COUNT(*) FILTER (WHERE state = 'pending'), COUNT(*) FILTER (WHERE state = 'claimed'), MIN(created_at) FILTER (WHERE state = 'pending')
            FROM {_table} WHERE state IN ('pending', 'claimed') GROUP BY api
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<OutboxBacklog>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new OutboxBacklog(OutboxNames.ParseApi(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return OutboxBacklog.ForEveryApi(rows);
    }
}
