using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace UsageSchema.Outbox;

/// <summary>
/// The outbox in a SQLite file: WAL journal, <c>synchronous=FULL</c> by default, a busy timeout, and
/// writes in <c>BEGIN IMMEDIATE</c> transactions, so several instances (threads or processes) on one
/// file claim disjoint entries. One instance holds one connection and serialises its own calls.
/// </summary>
public sealed partial class SqliteUsageOutbox : IUsageOutbox
{
    /// <summary>WAL pages after which a commit checkpoints (SQLite's <c>wal_autocheckpoint</c>; 8,192 pages of 4 KiB = 32 MiB).</summary>
    private const int WalAutocheckpointPages = 8192;

    /// <summary>The size a checkpointed WAL file is cut back to (SQLite's <c>journal_size_limit</c>).</summary>
    private const long JournalSizeLimitBytes = 64L * 1024 * 1024;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly string _path;
    private bool _disposed;

    private SqliteUsageOutbox(SqliteConnection connection, string path, string claimerId, TimeProvider time)
    {
        _connection = connection;
        _path = path;
        ClaimerId = claimerId;
        _time = time;
    }

    /// <inheritdoc />
    public string ClaimerId { get; }

    /// <summary>Opens (creating or migrating) the outbox file.</summary>
    /// <param name="options">The settings.</param>
    public static SqliteUsageOutbox Open(SqliteOutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = System.IO.Path.GetFullPath(options.Path);
        PrivateFiles.CreateOutboxFile(fullPath);

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // No pooling: disposing the outbox closes the file (tests reopen and delete it).
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Pragma(connection, "PRAGMA busy_timeout = " + ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            var mode = (string?)ScalarPragma(connection, "PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The outbox file {fullPath} could not be switched to WAL (journal_mode is {mode}).");
            }

            Pragma(connection, options.SynchronousFull ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");

            // Checkpoints sized for batches of thousands of records (a few MiB of pages per commit):
            // SQLite's default (every 1,000 pages) checkpointed after nearly every large commit, each
            // with its own fsync of the database file; the WAL file is then cut back to the limit, so
            // one large batch does not leave a large file behind. Durability is the commit's fsync of
            // the WAL, which is unchanged.
            Pragma(connection, "PRAGMA wal_autocheckpoint = " + WalAutocheckpointPages.ToString(CultureInfo.InvariantCulture));
            Pragma(connection, "PRAGMA journal_size_limit = " + JournalSizeLimitBytes.ToString(CultureInfo.InvariantCulture));

            // A page cache large enough for the dedupe index's working set while a large outbox grows
            // (SQLite's default is 2 MiB); negative values are KiB.
            Pragma(connection, "PRAGMA cache_size = -" + options.CacheSizeKiB.ToString(CultureInfo.InvariantCulture));
            if (options.MaxPageCount is { } maxPages)
            {
                Pragma(connection, "PRAGMA max_page_count = " + maxPages.ToString(CultureInfo.InvariantCulture));
            }

            SqliteOutboxSchema.Migrate(connection);
            return new SqliteUsageOutbox(connection, fullPath, options.ClaimerId ?? ClaimerIdentity.NewId(), options.TimeProvider);
        }
        catch (SqliteException exception)
        {
            connection.Dispose();
            throw SqliteStorageFailure.Of(fullPath, exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens (creating or migrating) the outbox file at <paramref name="path"/> with default settings.</summary>
    /// <param name="path">The file.</param>
    public static SqliteUsageOutbox Open(string path) => Open(new SqliteOutboxOptions { Path = path });

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

        return RunAsync<IReadOnlyList<EnqueueResult>>(() =>
        {
            // One transaction per batch: one commit (one fsync of the WAL with synchronous=FULL) for
            // the whole batch, and a kill leaves all of it or none.
            using var transaction = _connection.BeginTransaction(deferred: false);
            EnqueueResult[] results;
            using (var batch = new SqliteEnqueue(_connection, transaction, Now()))
            {
                results = batch.Run(list);
            }

            transaction.Commit();
            return results;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxCount, TimeSpan lease, UsageApi? api = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return RunAsync<IReadOnlyList<OutboxEntry>>(() =>
        {
            var now = Now();
            using var transaction = _connection.BeginTransaction(deferred: false);
            // Two index walks over (state, id), each stopping after $max rows, then merged: one query
            // with "pending OR expired claim" makes SQLite collect every pending row and sort them,
            // which turns draining a large outbox quadratic.
            using var command = Command(transaction, $"""
                UPDATE outbox_entries
                SET state = {SqliteCodes.Claimed}, claimed_by = $owner, lease_expires_at = $lease, updated_at = $now,
                    attempts = attempts + CASE WHEN state = {SqliteCodes.Claimed} THEN 1 ELSE 0 END,
                    last_error = CASE WHEN state = {SqliteCodes.Claimed} THEN 'lease of ' || COALESCE(claimed_by, '?') || ' expired' ELSE last_error END
                WHERE id IN (
                    SELECT id FROM (
                        SELECT id FROM outbox_entries
                        WHERE state = {SqliteCodes.Pending} AND available_at <= $now AND ($api IS NULL OR api = $api)
                        ORDER BY id LIMIT $max)
                    UNION ALL
                    SELECT id FROM (
                        SELECT id FROM outbox_entries
                        WHERE state = {SqliteCodes.Claimed} AND lease_expires_at <= $now AND ($api IS NULL OR api = $api)
                        ORDER BY id LIMIT $max)
                    ORDER BY id
                    LIMIT $max)
                RETURNING {OutboxEntryRows.Columns}
                """);
            command.Parameters.AddWithValue("$owner", ClaimerId);
            command.Parameters.AddWithValue("$lease", now + (long)lease.TotalMilliseconds);
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$api", api is { } a ? SqliteCodes.Of(a) : DBNull.Value);
            command.Parameters.AddWithValue("$max", maxCount);
            var entries = ReadEntries(command);
            transaction.Commit();
            entries.Sort((x, y) => x.Id.CompareTo(y.Id));
            return entries;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> MarkDeliveredAsync(IEnumerable<long> ids, CancellationToken cancellationToken = default)
    {
        var json = IdsJson(ids);
        // A delivery is a fact whoever holds the claim now; a superseded payload (PERSEUS, replaced
        // while in flight) still has to be sent, so it goes back to pending.
        return WriteAsync(
            $"""
            UPDATE outbox_entries
            SET state = CASE WHEN superseded = 1 THEN {SqliteCodes.Pending} ELSE {SqliteCodes.Delivered} END,
                delivered_at = CASE WHEN superseded = 1 THEN delivered_at ELSE $now END,
                last_error = CASE WHEN superseded = 1 THEN last_error ELSE NULL END,
                superseded = 0, lease_expires_at = NULL, available_at = $now, updated_at = $now
            WHERE id IN (SELECT value FROM json_each($ids)) AND state IN ({SqliteCodes.Claimed}, {SqliteCodes.Pending})
            """,
            parameters => parameters.AddWithValue("$ids", json),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> MarkRejectedAsync(long id, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var changed = await WriteAsync(
            $"""
            UPDATE outbox_entries
            SET state = CASE WHEN superseded = 1 THEN {SqliteCodes.Pending} ELSE {SqliteCodes.Rejected} END,
                last_error = $reason, superseded = 0, lease_expires_at = NULL, available_at = $now, updated_at = $now
            WHERE id = $id AND state = {SqliteCodes.Claimed} AND claimed_by = $owner
            """,
            parameters =>
            {
                parameters.AddWithValue("$id", id);
                parameters.AddWithValue("$reason", reason);
                parameters.AddWithValue("$owner", ClaimerId);
            },
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc />
    public Task<int> RenewAsync(IEnumerable<long> ids, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var json = IdsJson(ids);
        return WriteAsync(
            $"""
            UPDATE outbox_entries SET lease_expires_at = $now + $lease, updated_at = $now
            WHERE id IN (SELECT value FROM json_each($ids)) AND state = {SqliteCodes.Claimed} AND claimed_by = $owner
            """,
            parameters =>
            {
                parameters.AddWithValue("$ids", json);
                parameters.AddWithValue("$owner", ClaimerId);
                parameters.AddWithValue("$lease", (long)lease.TotalMilliseconds);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> ReleaseAsync(IEnumerable<long> ids, string failure, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var json = IdsJson(ids);
        return WriteAsync(
            $"""
            UPDATE outbox_entries
            SET state = {SqliteCodes.Pending}, attempts = attempts + 1, last_error = $error, superseded = 0,
                lease_expires_at = NULL, available_at = $now + $delay, updated_at = $now
            WHERE id IN (SELECT value FROM json_each($ids)) AND state = {SqliteCodes.Claimed} AND claimed_by = $owner
            """,
            parameters =>
            {
                parameters.AddWithValue("$ids", json);
                parameters.AddWithValue("$error", failure);
                parameters.AddWithValue("$owner", ClaimerId);
                parameters.AddWithValue("$delay", (long)(retryAfter ?? TimeSpan.Zero).TotalMilliseconds);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> ReleaseClaimsAsync(string claimerId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimerId);
        ArgumentNullException.ThrowIfNull(reason);
        return WriteAsync(
            $"""
            UPDATE outbox_entries
            SET state = {SqliteCodes.Pending}, attempts = attempts + 1, last_error = $reason, superseded = 0,
                lease_expires_at = NULL, available_at = $now, updated_at = $now
            WHERE state = {SqliteCodes.Claimed} AND claimed_by = $claimer
            """,
            parameters =>
            {
                parameters.AddWithValue("$claimer", claimerId);
                parameters.AddWithValue("$reason", reason);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxCount>> CountAsync(CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<OutboxCount>>(() =>
        {
            using var command = Command(null, "SELECT api, state, COUNT(*) FROM outbox_entries GROUP BY api, state");
            using var reader = command.ExecuteReader();
            var counts = new List<OutboxCount>();
            while (reader.Read())
            {
                counts.Add(new OutboxCount(SqliteCodes.Api(reader.GetInt64(0)), SqliteCodes.State(reader.GetInt64(1)), reader.GetInt64(2)));
            }

            // In the order of the names, as before the codes (and as the PostgreSQL store sorts them).
            counts.Sort(static (x, y) => string.CompareOrdinal(OutboxNames.Of(x.Api) + " " + OutboxNames.Of(x.State), OutboxNames.Of(y.Api) + " " + OutboxNames.Of(y.State)));

            return counts;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new OutboxQuery();
        return RunAsync<IReadOnlyList<OutboxEntry>>(() =>
        {
            using var command = Command(null, $"""
                SELECT {OutboxEntryRows.Columns} FROM outbox_entries
                WHERE ($state IS NULL OR state = $state) AND ($api IS NULL OR api = $api)
                ORDER BY id LIMIT $limit
                """);
            command.Parameters.AddWithValue("$state", query.State is { } s ? SqliteCodes.Of(s) : DBNull.Value);
            command.Parameters.AddWithValue("$api", query.Api is { } a ? SqliteCodes.Of(a) : DBNull.Value);
            command.Parameters.AddWithValue("$limit", query.Limit);
            return ReadEntries(command);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ListDeliveredAsync(DateTimeOffset deliveredFrom, DateTimeOffset deliveredTo, UsageApi? api = null, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<OutboxEntry>>(() =>
        {
            using var command = Command(null, $"""
                SELECT {OutboxEntryRows.Columns} FROM outbox_entries
                WHERE state = {SqliteCodes.Delivered} AND delivered_at >= $from AND delivered_at < $to AND ($api IS NULL OR api = $api)
                ORDER BY id
                """);
            command.Parameters.AddWithValue("$from", deliveredFrom.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$to", deliveredTo.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$api", api is { } a ? SqliteCodes.Of(a) : DBNull.Value);
            return ReadEntries(command);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> RequeueDeliveredAsync(IEnumerable<long> ids, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var json = IdsJson(ids);
        return WriteAsync(
            $"""
            UPDATE outbox_entries
            SET state = {SqliteCodes.Pending}, attempts = 0, last_error = $reason, claimed_by = NULL, superseded = 0,
                lease_expires_at = NULL, delivered_at = NULL, available_at = $now, updated_at = $now
            WHERE id IN (SELECT value FROM json_each($ids)) AND state = {SqliteCodes.Delivered}
            """,
            parameters =>
            {
                parameters.AddWithValue("$ids", json);
                parameters.AddWithValue("$reason", reason);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> PurgeDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default) =>
        WriteAsync(
            $"DELETE FROM outbox_entries WHERE state = {SqliteCodes.Delivered} AND delivered_at < $before",
            parameters => parameters.AddWithValue("$before", deliveredBefore.ToUnixTimeMilliseconds()),
            cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeRejectedAsync(CancellationToken cancellationToken = default) =>
        WriteAsync($"DELETE FROM outbox_entries WHERE state = {SqliteCodes.Rejected}", static _ => { }, cancellationToken);

    /// <summary>Runs SQLite's <c>PRAGMA integrity_check</c>; "ok" when the file is sound.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<string> CheckIntegrityAsync(CancellationToken cancellationToken = default) =>
        RunAsync(() => string.Join('\n', ReadStrings("PRAGMA integrity_check")), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        // A call still running on another thread (a dispatcher's mark as the run ends on a full disk) owns the
        // connection until it releases the gate: closing under it would roll its transaction back from under it.
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }

    private static object? ScalarPragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return command.ExecuteScalar();
    }

    private static string IdsJson(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return JsonSerializer.Serialize(ids.ToArray());
    }

    private static List<OutboxEntry> ReadEntries(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<OutboxEntry>();
        while (reader.Read())
        {
            entries.Add(OutboxEntryRows.Read(
                reader,
                static (row, column) => Instant(row.GetInt64(column)),
                static (row, column) => SqliteCodes.Api(row.GetInt64(column)),
                static (row, column) => SqliteCodes.State(row.GetInt64(column))));
        }

        return entries;
    }

    private static DateTimeOffset Instant(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private List<string> ReadStrings(string sql)
    {
        using var command = Command(null, sql);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Every statement is a constant of this class; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>One write statement in its own <c>BEGIN IMMEDIATE</c> transaction, with <c>$now</c> bound; returns the rows changed.</summary>
    private Task<int> WriteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var command = Command(transaction, sql);
            command.Parameters.AddWithValue("$now", Now());
            bind(command.Parameters);
            var changed = command.ExecuteNonQuery();
            transaction.Commit();
            return changed;
        }, cancellationToken);

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return work();
        }
        catch (SqliteException exception)
        {
            // The transaction rolled back when its using ended: nothing of this call was written.
            throw SqliteStorageFailure.Of(_path, exception);
        }
        finally
        {
            _gate.Release();
        }
    }
}
