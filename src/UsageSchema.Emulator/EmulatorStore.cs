using System.Globalization;
using Microsoft.Data.Sqlite;

namespace UsageSchema.Emulator;

/// <summary>
/// The emulated services' storage: one SQLite connection (a file, or memory), used under a lock,
/// which is plenty for an emulator and keeps every operation atomic.
/// </summary>
internal sealed class EmulatorStore : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS amie_records (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            usage_type TEXT NOT NULL,
            resource TEXT NOT NULL,
            local_record_id TEXT NOT NULL,
            charge REAL NOT NULL,
            queued_at INTEGER NOT NULL,
            json TEXT NOT NULL,
            UNIQUE (resource, local_record_id));
        CREATE TABLE IF NOT EXISTS amie_failed (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            usage_type TEXT NOT NULL,
            resource TEXT NOT NULL,
            error TEXT NOT NULL,
            queued_at INTEGER NOT NULL,
            json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS gateway_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            resource TEXT NOT NULL,
            job_id TEXT NOT NULL,
            gateway_user TEXT NOT NULL,
            submit_time TEXT NOT NULL,
            submit_utc INTEGER NOT NULL,
            software TEXT,
            received_at INTEGER NOT NULL,
            UNIQUE (resource, job_id));
        CREATE TABLE IF NOT EXISTS perseus_reports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_oid TEXT NOT NULL,
            json TEXT NOT NULL,
            updated_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS perseus_reports_project ON perseus_reports (project_oid);
        """;

    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;

    // Statements prepared once on the connection and reused by every request (see Prepared); closed before it.
    private readonly Dictionary<Type, IDisposable> _prepared = [];

    public EmulatorStore(string storagePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storagePath);
        var builder = new SqliteConnectionStringBuilder { DataSource = storagePath, Pooling = false };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        if (storagePath != EmulatorOptions.InMemoryStorage)
        {
            Execute("PRAGMA journal_mode=WAL;");
        }

        Execute(Schema);
    }

    /// <summary>Runs <paramref name="work"/> alone on the connection, inside a transaction committed when it returns.</summary>
    public T Run<T>(Func<SqliteConnection, T> work)
    {
        lock (_lock)
        {
            // Plain BEGIN/COMMIT: commands then need no Transaction property set.
            Execute("BEGIN IMMEDIATE;");
            try
            {
                var result = work(_connection);
                Execute("COMMIT;");
                return result;
            }
            catch
            {
                Execute("ROLLBACK;");
                throw;
            }
        }
    }

    /// <summary>
    /// The connection's one <typeparamref name="T"/> (e.g. prepared statements on its raw handle), created by
    /// <paramref name="create"/> the first time and kept until the store is disposed. Only inside <see cref="Run{T}"/>'s
    /// work, whose lock makes the instance the caller's alone.
    /// </summary>
    public T Prepared<T>(SqliteConnection connection, Func<SqliteConnection, T> create)
        where T : class, IDisposable
    {
        if (!_lock.IsHeldByCurrentThread)
        {
            throw new InvalidOperationException("Prepared statements are used only inside Run.");
        }

        if (!_prepared.TryGetValue(typeof(T), out var prepared))
        {
            prepared = create(connection);
            _prepared[typeof(T)] = prepared;
        }

        return (T)prepared;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var prepared in _prepared.Values)
            {
                prepared.Dispose();
            }

            _prepared.Clear();
            _connection.Dispose();
        }
    }

    internal static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Every statement is a constant of this assembly; values go in parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    internal static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    internal static string Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? string.Empty : reader.GetString(ordinal);

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private void Execute(string sql)
    {
        using var command = Command(_connection, sql);
        command.ExecuteNonQuery();
    }
}
