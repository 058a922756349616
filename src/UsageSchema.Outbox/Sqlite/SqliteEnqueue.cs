using Microsoft.Data.Sqlite;

namespace UsageSchema.Outbox;

/// <summary>
/// One <see cref="SqliteUsageOutbox.EnqueueAsync"/> batch inside its <c>BEGIN IMMEDIATE</c> transaction,
/// with a handful of prepared statements whatever the batch's size: the first occurrence of each key
/// goes into multi-row <c>INSERT ... ON CONFLICT (key_index) DO NOTHING</c> statements
/// (<see cref="RowsPerInsert"/> rows each, in batch order, so new ids follow enqueue order); only the
/// items whose key was already stored are looked up, one prepared statement each, and the rules
/// (<see cref="EnqueueRules"/>) applied in batch order, so a key repeated within the batch behaves as in
/// successive calls. The write lock is held from <c>BEGIN</c>, so nothing changes under the batch.
/// </summary>
internal sealed class SqliteEnqueue : IDisposable
{
    /// <summary>
    /// Rows per multi-row INSERT (<see cref="SqliteInsert"/> binds by position, so a wide statement costs
    /// no more per row to bind than a narrow one): wide enough that the statement's own cost (opening the
    /// table's and indexes' cursors, AUTOINCREMENT's bookkeeping) is spread over many rows, far below
    /// SQLite's 32,766 bound parameters.
    /// </summary>
    internal const int RowsPerInsert = 256;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly long _now;
    private readonly Dictionary<Replacement, SqliteCommand> _replace = [];
    private SqliteInsert? _insertFull;
    private SqliteCommand? _find;

    public SqliteEnqueue(SqliteConnection connection, SqliteTransaction transaction, long now)
    {
        _connection = connection;
        _transaction = transaction;
        _now = now;
    }

    public EnqueueResult[] Run(IReadOnlyList<OutboxItem> items)
    {
        var results = new EnqueueResult?[items.Count];

        // The first occurrence of each key in the batch: only those can be new.
        var first = new Dictionary<(UsageApi, string), int>(items.Count);
        var firsts = new List<int>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            if (first.TryAdd((items[index].Api, items[index].DedupeKey), index))
            {
                firsts.Add(index);
            }
        }

        for (var start = 0; start < firsts.Count; start += RowsPerInsert)
        {
            Insert(items, firsts, start, Math.Min(RowsPerInsert, firsts.Count - start), results);
        }

        if (firsts.Count == items.Count && Array.TrueForAll(results, result => result is not null))
        {
            return results!;
        }

        // The rest meet an entry: stored before this batch (looked up), or added or changed earlier in it.
        var rows = new Dictionary<(UsageApi, string), StoredRow>();
        for (var index = 0; index < items.Count; index++)
        {
            if (results[index] is not null)
            {
                continue;
            }

            var item = items[index];
            var key = (item.Api, item.DedupeKey);
            if (!rows.TryGetValue(key, out var row))
            {
                var earlier = first[key];
                row = earlier != index
                    ? new StoredRow(results[earlier]!.Id, OutboxState.Pending, items[earlier].Payload) // added by this batch
                    : Find(item) ?? throw new InvalidOperationException($"The outbox entry for {item.Api} key {item.DedupeKey} was neither inserted nor found.");
            }

            var (outcome, write) = EnqueueRules.Decide(item.Api, row.State, string.Equals(row.Payload, item.Payload, StringComparison.Ordinal));
            if (write != Replacement.None)
            {
                Replace(row.Id, item, write);
                row = new StoredRow(row.Id, EnqueueRules.After(row.State, write), item.Payload);
            }

            rows[key] = row;
            results[index] = new EnqueueResult(row.Id, outcome);
        }

        return results!;
    }

    public void Dispose()
    {
        _insertFull?.Dispose();
        _find?.Dispose();
        foreach (var command in _replace.Values)
        {
            command.Dispose();
        }
    }

    private void Insert(IReadOnlyList<OutboxItem> items, List<int> firsts, int start, int count, EnqueueResult?[] results)
    {
        SqliteInsert? partial = null;
        var insert = count == RowsPerInsert ? _insertFull ??= new SqliteInsert(_connection, count, _now) : partial = new SqliteInsert(_connection, count, _now);
        try
        {
            for (var row = 0; row < count; row++)
            {
                insert.Bind(row, items[firsts[start + row]]);
            }

            var inserted = insert.Run();
            var last = insert.LastId;
            if (inserted == count)
            {
                // Every row was new: under the write lock the rows of one statement take consecutive
                // ids in VALUES order, ending at the last one inserted.
                for (var row = 0; row < count; row++)
                {
                    results[firsts[start + row]] = new EnqueueResult(last - count + 1 + row, EnqueueOutcome.Added);
                }

                return;
            }

            // Some keys were stored already: every id given out by the statement is above every id
            // stored before it, so the rows inserted are the `inserted` highest ids of the statement's
            // keys. (The ids are not consecutive then: SQLite draws an id for a row it then skips.)
            var found = new List<(long Id, int Index)>(count);
            for (var row = 0; row < count; row++)
            {
                var index = firsts[start + row];
                if (Find(items[index]) is { } stored)
                {
                    found.Add((stored.Id, index));
                }
            }

            found.Sort();
            foreach (var (id, index) in found[^inserted..])
            {
                results[index] = new EnqueueResult(id, EnqueueOutcome.Added);
            }
        }
        finally
        {
            partial?.Dispose();
        }
    }

    private StoredRow? Find(OutboxItem item)
    {
        if (_find is null)
        {
            _find = _connection.CreateCommand();
            _find.Transaction = _transaction;
            _find.CommandText = "SELECT id, state, payload, api, dedupe_key FROM outbox_entries WHERE key_index = $key";
            _find.Parameters.Add(new SqliteParameter("$key", SqliteType.Blob));
            _find.Prepare();
        }

        _find.Parameters[0].Value = SqliteKeyIndex.Of(item.Api, item.DedupeKey);
        using var reader = _find.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var api = SqliteCodes.Api(reader.GetInt64(3));
        var key = reader.GetString(4);
        if (api != item.Api || !string.Equals(key, item.DedupeKey, StringComparison.Ordinal))
        {
            // Two keys with one index value: a SHA-256 collision (see SqliteKeyIndex). Never taken for the other record.
            throw new InvalidOperationException($"The outbox cannot store the {item.Api} record with key {item.DedupeKey}: its index value is that of entry {reader.GetInt64(0)} ({api} key {key}).");
        }

        return new StoredRow(reader.GetInt64(0), SqliteCodes.State(reader.GetInt64(1)), reader.GetString(2));
    }

    private void Replace(long id, OutboxItem item, Replacement write)
    {
        if (!_replace.TryGetValue(write, out var update))
        {
            var assignments = write switch
            {
                Replacement.Waiting => "superseded = 0",
                Replacement.InFlight => "superseded = 1",
                _ => "state = " + SqliteCodes.Pending + ", attempts = 0, last_error = NULL, claimed_by = NULL, lease_expires_at = NULL, delivered_at = NULL, superseded = 0, available_at = $now",
            };
            update = _connection.CreateCommand();
            update.Transaction = _transaction;
#pragma warning disable CA2100 // The assignments are constants of this class, never input.
            update.CommandText = "UPDATE outbox_entries SET payload = $payload, record_type = $type, source = $source, updated_at = $now, " + assignments + " WHERE id = $id";
#pragma warning restore CA2100
            update.Parameters.AddWithValue("$now", _now);
            update.Parameters.Add(new SqliteParameter("$payload", DBNull.Value));
            update.Parameters.Add(new SqliteParameter("$type", DBNull.Value));
            update.Parameters.Add(new SqliteParameter("$source", DBNull.Value));
            update.Parameters.Add(new SqliteParameter("$id", DBNull.Value));
            update.Prepare();
            _replace[write] = update;
        }

        update.Parameters[1].Value = item.Payload;
        update.Parameters[2].Value = item.RecordType;
        update.Parameters[3].Value = (object?)item.Source ?? DBNull.Value;
        update.Parameters[4].Value = id;
        update.ExecuteNonQuery();
    }

    /// <summary>What the rules need of a stored entry, as this batch has left it.</summary>
    private readonly record struct StoredRow(long Id, OutboxState State, string Payload);
}
