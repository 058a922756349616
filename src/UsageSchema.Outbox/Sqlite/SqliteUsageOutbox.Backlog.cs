namespace UsageSchema.Outbox;

/// <summary>The backlog query, for the outbox gauges.</summary>
public sealed partial class SqliteUsageOutbox
{
    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxBacklog>> BacklogAsync(CancellationToken cancellationToken = default) =>
        RunAsync(() =>
        {
            // Only the waiting states are read (the state index), never the delivered history.
            using var command = Command(null, $"""
                SELECT api, SUM(state = {SqliteCodes.Pending}), SUM(state = {SqliteCodes.Claimed}), MIN(CASE WHEN state = {SqliteCodes.Pending} THEN created_at END)
                FROM outbox_entries WHERE state IN ({SqliteCodes.Pending}, {SqliteCodes.Claimed}) GROUP BY api
                """);
            using var reader = command.ExecuteReader();
            var rows = new List<OutboxBacklog>();
            while (reader.Read())
            {
                rows.Add(new OutboxBacklog(SqliteCodes.Api(reader.GetInt64(0)), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : Instant(reader.GetInt64(3))));
            }

            return OutboxBacklog.ForEveryApi(rows);
        }, cancellationToken);
}
