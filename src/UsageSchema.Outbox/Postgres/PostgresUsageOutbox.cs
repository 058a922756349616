using Npgsql;
using NpgsqlTypes;

namespace UsageSchema.Outbox;

/// <summary>
/// The outbox in a PostgreSQL database, for senders on several nodes: the same table, states and rules
/// as <see cref="SqliteUsageOutbox"/>; claims take rows with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent
/// senders get disjoint batches without waiting on each other; every write is a transaction. Calls of
/// one instance may run concurrently (a pooled <see cref="NpgsqlDataSource"/>).
/// </summary>
public sealed partial class PostgresUsageOutbox : IUsageOutbox
{
    /// <summary>The time of a statement: the instance's clock when it has one, else the database's (one value per transaction).</summary>
    private const string Now = "COALESCE(@clock, now())";

    private const int MaxTransactionAttempts = 5;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly TimeProvider? _time;
    private readonly string _description;

    // Kept only to scrub it from the text of a storage error, should a driver message ever contain it.
    private readonly string? _password;
    private int _disposed;

    private PostgresUsageOutbox(NpgsqlDataSource dataSource, string schema, string claimerId, TimeProvider? time, string description, string? password)
    {
        _password = password;
        _dataSource = dataSource;
        _table = PostgresOutboxSchema.Quote(schema) + ".outbox_entries";
        ClaimerId = claimerId;
        _time = time;
        _description = description;
    }

    /// <inheritdoc />
    public string ClaimerId { get; }

    /// <summary>Opens (creating or migrating) the outbox in <see cref="PostgresOutboxOptions.Schema"/>.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The connection string or schema name is malformed (the message never holds the password).</exception>
    /// <exception cref="PostgresOutboxException">The server could not be reached or the schema not migrated (the message never holds the password).</exception>
    public static async Task<PostgresUsageOutbox> OpenAsync(PostgresOutboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        PostgresOutboxSchema.Quote(options.Schema);
        var builder = PostgresLocation.Builder(options.ConnectionString);
        var description = PostgresLocation.Describe(builder, options.Schema);
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await PostgresOutboxSchema.MigrateAsync(dataSource, options.Schema, cancellationToken).ConfigureAwait(false);
            return new PostgresUsageOutbox(dataSource, options.Schema, options.ClaimerId ?? ClaimerIdentity.NewId(), options.TimeProvider, description, builder.Password);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw PostgresOutboxException.Opening(description, builder.Password, exception);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Where this outbox is, as <c>postgresql://user:***@host:port/database?schema=...</c>: the password is never shown.</summary>
    public string Describe() => _description;

    /// <inheritdoc />
    public override string ToString() => "PostgreSQL outbox " + _description;

    /// <inheritdoc />
    public Task<IReadOnlyList<EnqueueResult>> EnqueueAsync(IEnumerable<OutboxItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        foreach (var item in list)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }

        if (list.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<EnqueueResult>>([]);
        }

        // New rows are inserted in one global order (api, dedupe key), so two batches sharing keys do
        // not deadlock however the callers ordered them; the ids, drawn first in the caller's order, keep
        // new entries in enqueue order.
        var order = Enumerable.Range(0, list.Count)
            .OrderBy(index => OutboxNames.Of(list[index].Api), StringComparer.Ordinal)
            .ThenBy(index => list[index].DedupeKey, StringComparer.Ordinal)
            .ToList();
        return InTransactionAsync<IReadOnlyList<EnqueueResult>>(async (connection, transaction) =>
        {
            var ids = await NewIdsAsync(connection, transaction, list.Count, cancellationToken).ConfigureAwait(false);
            var results = new EnqueueResult?[list.Count];
            var rows = new Dictionary<(UsageApi, string), StoredRow>();
            foreach (var id in await InsertNewAsync(connection, transaction, list, order, ids, cancellationToken).ConfigureAwait(false))
            {
                var index = Array.BinarySearch(ids, id); // ids are drawn ascending, one per item
                results[index] = new EnqueueResult(id, EnqueueOutcome.Added);
                rows[(list[index].Api, list[index].DedupeKey)] = new StoredRow(id, OutboxState.Pending, list[index].Payload);
            }

            // The rest meet an existing entry (stored before, or earlier in this batch): lock those rows
            // and apply the rules in batch order per key, as one item at a time would.
            var rest = order.Where(index => results[index] is null).ToList();
            await LockExistingAsync(connection, transaction, rest.Select(index => list[index]).Where(item => !rows.ContainsKey((item.Api, item.DedupeKey))), rows, cancellationToken).ConfigureAwait(false);
            foreach (var index in rest)
            {
                var item = list[index];
                results[index] = rows.TryGetValue((item.Api, item.DedupeKey), out var row)
                    ? await ApplyAsync(connection, transaction, item, row, rows, cancellationToken).ConfigureAwait(false)
                    : await EnqueueOneAsync(connection, transaction, item, ids[index], rows, cancellationToken).ConfigureAwait(false);
            }

            return results.Select(result => result!).ToList();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxCount, TimeSpan lease, UsageApi? api = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return InTransactionAsync<IReadOnlyList<OutboxEntry>>(async (connection, transaction) =>
        {
            // SKIP LOCKED: rows another sender is claiming right now are passed over, not waited for,
            // so concurrent claims return disjoint batches. Pending rows and lapsed claims are found by
            // two walks of the (state, id) index, each stopping after @max rows: one "pending OR lapsed"
            // condition would make the planner walk the delivered rows too, and claiming slows as the
            // outbox grows. Rows locked by a walk but not chosen are unlocked when this short transaction ends.
            await using var command = Command(connection, transaction, $"""
                WITH pending AS (
                    SELECT id FROM {_table}
                    WHERE state = 'pending' AND available_at <= {Now} AND (@api::text IS NULL OR api = @api)
                    ORDER BY id LIMIT @max
                    FOR UPDATE SKIP LOCKED),
                lapsed AS (
                    SELECT id FROM {_table}
                    WHERE state = 'claimed' AND lease_expires_at <= {Now} AND (@api::text IS NULL OR api = @api)
                    ORDER BY id LIMIT @max
                    FOR UPDATE SKIP LOCKED),
                chosen AS (
                    SELECT id FROM (SELECT id FROM pending UNION ALL SELECT id FROM lapsed) AS candidates
                    ORDER BY id LIMIT @max)
                UPDATE {_table}
                SET state = 'claimed', claimed_by = @owner, lease_expires_at = {Now} + @lease, updated_at = {Now},
                    attempts = attempts + CASE WHEN state = 'claimed' THEN 1 ELSE 0 END,
                    last_error = CASE WHEN state = 'claimed' THEN 'lease of ' || COALESCE(claimed_by, '?') || ' expired' ELSE last_error END
                WHERE id IN (SELECT id FROM chosen)
                RETURNING {OutboxEntryRows.Columns}
                """);
            command.Parameters.AddWithValue("owner", ClaimerId);
            command.Parameters.AddWithValue("lease", NpgsqlDbType.Interval, lease);
            command.Parameters.Add(Text("api", api is { } a ? OutboxNames.Of(a) : null));
            command.Parameters.AddWithValue("max", maxCount);
            var entries = await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
            entries.Sort((x, y) => x.Id.CompareTo(y.Id));
            return entries;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> MarkDeliveredAsync(IEnumerable<long> ids, CancellationToken cancellationToken = default)
    {
        var array = Ids(ids);
        return InTransactionAsync((connection, transaction) =>
        {
            // A delivery is a fact whoever holds the claim now; a superseded payload (PERSEUS, replaced
            // while in flight) still has to be sent, so it goes back to pending.
            var command = Command(connection, transaction, $"""
                UPDATE {_table}
                SET state = CASE WHEN superseded THEN 'pending' ELSE 'delivered' END,
                    delivered_at = CASE WHEN superseded THEN delivered_at ELSE {Now} END,
                    last_error = CASE WHEN superseded THEN last_error ELSE NULL END,
                    superseded = false, lease_expires_at = NULL, available_at = {Now}, updated_at = {Now}
                WHERE id = ANY(@ids) AND state IN ('claimed', 'pending')
                """);
            command.Parameters.AddWithValue("ids", array);
            return ExecuteAsync(command, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> MarkRejectedAsync(long id, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return InTransactionAsync(async (connection, transaction) =>
        {
            var command = Command(connection, transaction, $"""
                UPDATE {_table}
                SET state = CASE WHEN superseded THEN 'pending' ELSE 'rejected' END,
                    last_error = @reason, superseded = false, lease_expires_at = NULL, available_at = {Now}, updated_at = {Now}
                WHERE id = @id AND state = 'claimed' AND claimed_by = @owner
                """);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("reason", reason);
            command.Parameters.AddWithValue("owner", ClaimerId);
            return await ExecuteAsync(command, cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> RenewAsync(IEnumerable<long> ids, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var array = Ids(ids);
        return InTransactionAsync((connection, transaction) =>
        {
            var command = Command(connection, transaction, $"""
                UPDATE {_table} SET lease_expires_at = {Now} + @lease, updated_at = {Now}
                WHERE id = ANY(@ids) AND state = 'claimed' AND claimed_by = @owner
                """);
            command.Parameters.AddWithValue("ids", array);
            command.Parameters.AddWithValue("owner", ClaimerId);
            command.Parameters.AddWithValue("lease", NpgsqlDbType.Interval, lease);
            return ExecuteAsync(command, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> ReleaseAsync(IEnumerable<long> ids, string failure, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var array = Ids(ids);
        return InTransactionAsync((connection, transaction) =>
        {
            var command = Command(connection, transaction, $"""
                UPDATE {_table}
                SET state = 'pending', attempts = attempts + 1, last_error = @error, superseded = false,
                    lease_expires_at = NULL, available_at = {Now} + @retry, updated_at = {Now}
                WHERE id = ANY(@ids) AND state = 'claimed' AND claimed_by = @owner
                """);
            command.Parameters.AddWithValue("ids", array);
            command.Parameters.AddWithValue("error", failure);
            command.Parameters.AddWithValue("owner", ClaimerId);
            command.Parameters.AddWithValue("retry", NpgsqlDbType.Interval, retryAfter ?? TimeSpan.Zero);
            return ExecuteAsync(command, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> ReleaseClaimsAsync(string claimerId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimerId);
        ArgumentNullException.ThrowIfNull(reason);
        return InTransactionAsync((connection, transaction) =>
        {
            var command = Command(connection, transaction, $"""
                UPDATE {_table}
                SET state = 'pending', attempts = attempts + 1, last_error = @reason, superseded = false,
                    lease_expires_at = NULL, available_at = {Now}, updated_at = {Now}
                WHERE state = 'claimed' AND claimed_by = @claimer
                """);
            command.Parameters.AddWithValue("claimer", claimerId);
            command.Parameters.AddWithValue("reason", reason);
            return ExecuteAsync(command, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxCount>> CountAsync(CancellationToken cancellationToken = default) =>
        StorageAsync(() => CountCoreAsync(cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxQuery? query = null, CancellationToken cancellationToken = default) =>
        StorageAsync(() => ListCoreAsync(query, cancellationToken));

    private async Task<IReadOnlyList<OutboxCount>> CountCoreAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await using var command = _dataSource.CreateCommand($"SELECT api, state, COUNT(*) FROM {_table} GROUP BY api, state ORDER BY api, state");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new List<OutboxCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new OutboxCount(OutboxNames.ParseApi(reader.GetString(0)), OutboxNames.ParseState(reader.GetString(1)), reader.GetInt64(2)));
        }

        return counts;
    }

    private async Task<IReadOnlyList<OutboxEntry>> ListCoreAsync(OutboxQuery? query, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        query ??= new OutboxQuery();
        await using var command = _dataSource.CreateCommand($"""
            SELECT {OutboxEntryRows.Columns} FROM {_table}
            WHERE (@state::text IS NULL OR state = @state) AND (@api::text IS NULL OR api = @api)
            ORDER BY id LIMIT @limit
            """);
        command.Parameters.Add(Text("state", query.State is { } s ? OutboxNames.Of(s) : null));
        command.Parameters.Add(Text("api", query.Api is { } a ? OutboxNames.Of(a) : null));
        command.Parameters.AddWithValue("limit", query.Limit);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ListDeliveredAsync(DateTimeOffset deliveredFrom, DateTimeOffset deliveredTo, UsageApi? api = null, CancellationToken cancellationToken = default) =>
        StorageAsync(() => ListDeliveredCoreAsync(deliveredFrom, deliveredTo, api, cancellationToken));

    /// <inheritdoc />
    public Task<int> RequeueDeliveredAsync(IEnumerable<long> ids, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var array = Ids(ids);
        return InTransactionAsync((connection, transaction) =>
        {
            var command = Command(connection, transaction, $"""
                UPDATE {_table}
                SET state = 'pending', attempts = 0, last_error = @reason, claimed_by = NULL, superseded = false,
                    lease_expires_at = NULL, delivered_at = NULL, available_at = {Now}, updated_at = {Now}
                WHERE id = ANY(@ids) AND state = 'delivered'
                """);
            command.Parameters.AddWithValue("ids", array);
            command.Parameters.AddWithValue("reason", reason);
            return ExecuteAsync(command, cancellationToken);
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<OutboxEntry>> ListDeliveredCoreAsync(DateTimeOffset deliveredFrom, DateTimeOffset deliveredTo, UsageApi? api, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await using var command = _dataSource.CreateCommand($"""
            SELECT {OutboxEntryRows.Columns} FROM {_table}
            WHERE state = 'delivered' AND delivered_at >= @from AND delivered_at < @to AND (@api::text IS NULL OR api = @api)
            ORDER BY id
            """);
        command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, deliveredFrom.UtcDateTime);
        command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, deliveredTo.UtcDateTime);
        command.Parameters.Add(Text("api", api is { } a ? OutboxNames.Of(a) : null));
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<int> PurgeDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default) =>
        InTransactionAsync((connection, transaction) =>
        {
            var command = Command(connection, transaction, $"DELETE FROM {_table} WHERE state = 'delivered' AND delivered_at < @before");
            command.Parameters.AddWithValue("before", NpgsqlDbType.TimestampTz, deliveredBefore.UtcDateTime);
            return ExecuteAsync(command, cancellationToken);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeRejectedAsync(CancellationToken cancellationToken = default) =>
        InTransactionAsync((connection, transaction) =>
            ExecuteAsync(Command(connection, transaction, $"DELETE FROM {_table} WHERE state = 'rejected'"), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _dataSource.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static long[] Ids(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return [.. ids];
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static async Task<int> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<List<OutboxEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<OutboxEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(OutboxEntryRows.Read(
                reader,
                static (row, column) => row.GetFieldValue<DateTimeOffset>(column),
                static (row, column) => OutboxNames.ParseApi(row.GetString(column)),
                static (row, column) => OutboxNames.ParseState(row.GetString(column))));
        }

        return entries;
    }

    private async Task<long[]> NewIdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken cancellationToken)
    {
        var ids = new long[count];
        if (count == 0)
        {
            return ids;
        }

        // The sequence is looked up once per call: written as nextval(pg_get_serial_sequence(...)) per
        // row, the catalog lookup ran for every id (120 ms of a 5,000-row batch, a third of its time).
        await using var command = Command(connection, transaction, """
            WITH target AS MATERIALIZED (SELECT pg_get_serial_sequence(@table, 'id')::regclass AS sequence)
            SELECT nextval(target.sequence) FROM target, generate_series(1, @count)
            """);
        command.Parameters.AddWithValue("table", _table);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count && await reader.ReadAsync(cancellationToken).ConfigureAwait(false); i++)
        {
            ids[i] = reader.GetInt64(0);
        }

        Array.Sort(ids);
        return ids;
    }

    /// <summary>Inserts the items whose key is new, in key order; returns the ids of the rows written.</summary>
    private async Task<HashSet<long>> InsertNewAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<OutboxItem> list, List<int> order, long[] ids, CancellationToken cancellationToken)
    {
        // ON CONFLICT DO NOTHING waits for a concurrent transaction inserting the same key and then
        // yields to it (and skips a key repeated within the batch): each key is added once.
        await using var insert = Command(connection, transaction, $"""
            INSERT INTO {_table} (id, api, dedupe_key, record_type, payload, source, state, available_at, created_at, updated_at)
            SELECT item.id, item.api, item.dedupe_key, item.record_type, item.payload, item.source, 'pending', {Now}, {Now}, {Now}
            FROM unnest(@ids, @apis, @keys, @types, @payloads, @sources) WITH ORDINALITY AS item(id, api, dedupe_key, record_type, payload, source, position)
            ORDER BY item.position
            ON CONFLICT (api, dedupe_key) DO NOTHING
            RETURNING id
            """);
        insert.Parameters.AddWithValue("ids", order.Select(index => ids[index]).ToArray());
        insert.Parameters.AddWithValue("apis", order.Select(index => OutboxNames.Of(list[index].Api)).ToArray());
        insert.Parameters.AddWithValue("keys", order.Select(index => list[index].DedupeKey).ToArray());
        insert.Parameters.AddWithValue("types", order.Select(index => list[index].RecordType).ToArray());
        insert.Parameters.AddWithValue("payloads", order.Select(index => list[index].Payload).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("sources", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = order.Select(index => list[index].Source).ToArray() });
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var inserted = new HashSet<long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            inserted.Add(reader.GetInt64(0));
        }

        return inserted;
    }

    /// <summary>Locks the stored rows of <paramref name="items"/>' keys (<c>FOR UPDATE</c>, in key order) and adds them to <paramref name="rows"/>.</summary>
    private async Task LockExistingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<OutboxItem> items, Dictionary<(UsageApi, string), StoredRow> rows, CancellationToken cancellationToken)
    {
        var keys = items.Select(item => (item.Api, item.DedupeKey)).Distinct().ToList();
        if (keys.Count == 0)
        {
            return;
        }

        await using var find = Command(connection, transaction, $"""
            SELECT id, api, dedupe_key, state, payload FROM {_table}
            WHERE (api, dedupe_key) IN (SELECT * FROM unnest(@apis, @keys))
            ORDER BY api, dedupe_key
            FOR UPDATE
            """);
        find.Parameters.AddWithValue("apis", keys.Select(key => OutboxNames.Of(key.Api)).ToArray());
        find.Parameters.AddWithValue("keys", keys.Select(key => key.DedupeKey).ToArray());
        await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows[(OutboxNames.ParseApi(reader.GetString(1)), reader.GetString(2))] = new StoredRow(reader.GetInt64(0), OutboxNames.ParseState(reader.GetString(3)), reader.GetString(4));
        }
    }

    /// <summary>
    /// One item whose entry vanished between the insert and the lock (purged meanwhile): insert it
    /// again, or, if yet another writer stored the key first, lock that row and apply the rules.
    /// </summary>
    private async Task<EnqueueResult> EnqueueOneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxItem item, long newId, Dictionary<(UsageApi, string), StoredRow> rows, CancellationToken cancellationToken)
    {
        while (true)
        {
            if ((await InsertNewAsync(connection, transaction, [item], [0], [newId], cancellationToken).ConfigureAwait(false)).Count == 1)
            {
                rows[(item.Api, item.DedupeKey)] = new StoredRow(newId, OutboxState.Pending, item.Payload);
                return new EnqueueResult(newId, EnqueueOutcome.Added);
            }

            await LockExistingAsync(connection, transaction, [item], rows, cancellationToken).ConfigureAwait(false);
            if (rows.TryGetValue((item.Api, item.DedupeKey), out var row))
            {
                return await ApplyAsync(connection, transaction, item, row, rows, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The enqueue rules (README, "Enqueue rules") for an item meeting its stored, locked entry.</summary>
    private async Task<EnqueueResult> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxItem item, StoredRow row, Dictionary<(UsageApi, string), StoredRow> rows, CancellationToken cancellationToken)
    {
        var (outcome, write) = EnqueueRules.Decide(item.Api, row.State, string.Equals(row.Payload, item.Payload, StringComparison.Ordinal));
        var assignments = write switch
        {
            Replacement.None => null,
            Replacement.Waiting => "superseded = false",
            Replacement.InFlight => "superseded = true",
            _ => $"state = 'pending', attempts = 0, last_error = NULL, claimed_by = NULL, lease_expires_at = NULL, delivered_at = NULL, superseded = false, available_at = {Now}",
        };
        if (assignments is null)
        {
            return new EnqueueResult(row.Id, outcome);
        }

        await ReplaceAsync(connection, transaction, row.Id, item, assignments, cancellationToken).ConfigureAwait(false);
        rows[(item.Api, item.DedupeKey)] = row with { State = EnqueueRules.After(row.State, write), Payload = item.Payload };
        return new EnqueueResult(row.Id, outcome);
    }

    private Task<int> ReplaceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, OutboxItem item, string assignments, CancellationToken cancellationToken)
    {
        var update = Command(connection, transaction, $"UPDATE {_table} SET payload = @payload, record_type = @type, source = @source, updated_at = {Now}, {assignments} WHERE id = @id");
        update.Parameters.AddWithValue("payload", item.Payload);
        update.Parameters.Add(Text("source", item.Source));
        update.Parameters.AddWithValue("type", item.RecordType);
        update.Parameters.AddWithValue("id", id);
        return ExecuteAsync(update, cancellationToken);
    }

    /// <summary>A command in the transaction, with <c>@clock</c> bound for <see cref="Now"/>.</summary>
    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
#pragma warning disable CA2100 // Every statement is a constant of this class with the checked, quoted schema name; values are parameters.
        var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
        command.Parameters.Add(new NpgsqlParameter("clock", NpgsqlDbType.TimestampTz) { Value = _time is null ? DBNull.Value : _time.GetUtcNow().UtcDateTime });
        return command;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a READ COMMITTED transaction on a pooled connection and commits.
    /// Two enqueues of overlapping keys in different orders can deadlock; PostgreSQL aborts one, which is
    /// retried from the start (the aborted transaction left nothing behind).
    /// </summary>
    private Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        StorageAsync(() => TransactionAttemptsAsync(work, cancellationToken));

    /// <summary>Runs a call, turning a lost connection or a server error into one clear <see cref="OutboxStorageException"/>.</summary>
    private async Task<T> StorageAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (NpgsqlException exception) when (exception is not PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The transaction did not commit: nothing of this call was written.
            throw PostgresOutboxException.Storage(_description, _password, exception);
        }
    }

    private async Task<T> TransactionAttemptsAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            ThrowIfDisposed();
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (PostgresException exception) when (attempt < MaxTransactionAttempts && exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>What the enqueue rules need of a stored entry, as this transaction has left it.</summary>
    private sealed record StoredRow(long Id, OutboxState State, string Payload);
}
