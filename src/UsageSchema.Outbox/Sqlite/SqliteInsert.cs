using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace UsageSchema.Outbox;

/// <summary>
/// One prepared multi-row <c>INSERT ... ON CONFLICT (key_index) DO NOTHING</c> of a fixed number of rows,
/// run on the connection's own handle inside the caller's transaction and bound by position.
/// Microsoft.Data.Sqlite binds every parameter by name on every execution (each name converted to UTF-8
/// and found by SQLite's linear search of the statement's names), which made binding the largest part
/// of an enqueue; here each value goes straight to its slot, as UTF-8 (the database's encoding). There is
/// no <c>RETURNING</c>: under the batch's write lock the rows of one statement take consecutive ids, so
/// when every row was inserted (<see cref="Run"/> returns the count) their ids end at
/// <see cref="LastId"/>; SQLite's <c>RETURNING</c> buffered and copied every id first.
/// </summary>
internal sealed class SqliteInsert : IDisposable
{
    /// <summary>The bound columns of one row, in the statement's order.</summary>
    private const int ColumnsPerRow = 6;

    /// <summary>The longest UTF-8 form of a key, API or type name converted on the stack (longer ones are bound as UTF-16).</summary>
    private const int StackBytes = 512;

    private readonly sqlite3 _db;
    private readonly int _rows;
    private readonly SqliteKeyIndex _keyIndex = new();
    private sqlite3_stmt? _statement;

    public SqliteInsert(SqliteConnection connection, int rows, long now)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The outbox connection is not open.");
        _rows = rows;

        // ?1 is the time, shared by every row; row r's values are ?(2 + 6r) .. ?(7 + 6r).
        var sql = new StringBuilder("INSERT INTO outbox_entries (api, key_index, dedupe_key, record_type, payload, source, state, available_at, created_at, updated_at) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < ColumnsPerRow; column++)
            {
                sql.Append('?').Append((Slot(row, column)).ToString(CultureInfo.InvariantCulture)).Append(", ");
            }

            sql.Append(SqliteCodes.Pending + ", ?1, ?1, ?1)");
        }

        // DO NOTHING: an existing key is left as it is here, and dealt with by the rules afterwards.
        sql.Append(" ON CONFLICT (key_index) DO NOTHING");
        Check(raw.sqlite3_prepare_v2(_db, sql.ToString(), out var statement));
        _statement = statement;
        Check(raw.sqlite3_bind_int64(statement, 1, now));
    }

    /// <summary>Binds <paramref name="item"/> as row <paramref name="row"/> of the next run.</summary>
    public void Bind(int row, OutboxItem item)
    {
        var statement = Statement;
        Check(raw.sqlite3_bind_int64(statement, Slot(row, 0), SqliteCodes.Of(item.Api)));
        Span<byte> keyIndex = stackalloc byte[SqliteKeyIndex.MaxBytes];
        Check(raw.sqlite3_bind_blob(statement, Slot(row, 1), keyIndex[.._keyIndex.Write(item.Api, item.DedupeKey, keyIndex)]));
        Text(statement, Slot(row, 2), item.DedupeKey);
        Text(statement, Slot(row, 3), item.RecordType);
        Utf8(statement, Slot(row, 4), item.PayloadUtf8);
        var source = Slot(row, 5);
        if (item.Source is { } text)
        {
            Text(statement, source, text);
        }
        else
        {
            Check(raw.sqlite3_bind_null(statement, source));
        }
    }

    /// <summary>The id of the last row inserted on the connection (after <see cref="Run"/>, the last of its rows when it inserted any).</summary>
    public long LastId => raw.sqlite3_last_insert_rowid(_db);

    /// <summary>Runs the statement with the rows bound; returns how many were inserted (an existing key inserts none).</summary>
    public int Run()
    {
        var statement = Statement;
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            // Ready for the next rows (bindings stay until they are bound again; every slot is, each run).
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose()
    {
        _statement?.Dispose();
        _statement = null;
    }

    private sqlite3_stmt Statement => _statement ?? throw new ObjectDisposedException(nameof(SqliteInsert));

    private static int Slot(int row, int column) => 2 + (row * ColumnsPerRow) + column;

    /// <summary>
    /// Binds a short string as UTF-8, converted on the stack: the database's encoding is UTF-8, so a
    /// UTF-16 binding would be converted again by SQLite for every row (<c>sqlite3VdbeMemTranslate</c>
    /// was among the largest SQLite costs of an enqueue).
    /// </summary>
    private void Text(sqlite3_stmt statement, int slot, string value)
    {
        Span<byte> buffer = stackalloc byte[StackBytes];
        if (value.Length > 0 && Encoding.UTF8.GetMaxByteCount(value.Length) <= StackBytes)
        {
            Utf8(statement, slot, buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
        }
        else
        {
            Check(raw.sqlite3_bind_text16(statement, slot, value.AsSpan()));
        }
    }

    /// <summary>Binds UTF-8 text (SQLite copies it); never empty here (an empty span would be bound as NULL).</summary>
    private void Utf8(sqlite3_stmt statement, int slot, ReadOnlySpan<byte> value) =>
        Check(value.IsEmpty ? raw.sqlite3_bind_text(statement, slot, string.Empty) : raw.sqlite3_bind_text(statement, slot, value));

    /// <summary>A failed call as Microsoft.Data.Sqlite reports it (<see cref="SqliteException"/>, with SQLite's code), so the outbox's storage errors read the same on every path.</summary>
    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
