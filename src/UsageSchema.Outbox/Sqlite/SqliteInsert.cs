using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace UsageSchema.Outbox;

/// <summary>
/// One prepared multi-row <c>INSERT ... ON CONFLICT (api, dedupe_key) DO NOTHING RETURNING id</c> of a
/// fixed number of rows, run on the connection's own handle inside the caller's transaction and bound
/// by position. Microsoft.Data.Sqlite binds every parameter by name on every execution (each name
/// converted to UTF-8 and found by SQLite's linear search of the statement's names), which made binding
/// the largest part of an enqueue; here each value goes straight to its slot (<c>sqlite3_bind_text16</c>
/// from the string's own characters, no copy on the managed side).
/// </summary>
internal sealed class SqliteInsert : IDisposable
{
    /// <summary>The bound columns of one row, in the statement's order.</summary>
    private const int ColumnsPerRow = 5;

    /// <summary>The longest UTF-8 form of a key, API or type name converted on the stack (longer ones are bound as UTF-16).</summary>
    private const int StackBytes = 512;

    private readonly sqlite3 _db;
    private readonly int _rows;
    private readonly List<long> _ids;
    private sqlite3_stmt? _statement;

    public SqliteInsert(SqliteConnection connection, int rows, long now)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The outbox connection is not open.");
        _rows = rows;
        _ids = new List<long>(rows);

        // ?1 is the time, shared by every row; row r's values are ?(2 + 5r) .. ?(6 + 5r).
        var sql = new StringBuilder("INSERT INTO outbox_entries (api, dedupe_key, record_type, payload, source, state, available_at, created_at, updated_at) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < ColumnsPerRow; column++)
            {
                sql.Append('?').Append((Slot(row, column)).ToString(CultureInfo.InvariantCulture)).Append(", ");
            }

            sql.Append("'pending', ?1, ?1, ?1)");
        }

        // DO NOTHING: an existing key is left as it is here, and dealt with by the rules afterwards.
        sql.Append(" ON CONFLICT (api, dedupe_key) DO NOTHING RETURNING id");
        Check(raw.sqlite3_prepare_v2(_db, sql.ToString(), out var statement));
        _statement = statement;
        Check(raw.sqlite3_bind_int64(statement, 1, now));
    }

    /// <summary>Binds <paramref name="item"/> as row <paramref name="row"/> of the next run.</summary>
    public void Bind(int row, OutboxItem item)
    {
        var statement = Statement;
        Text(statement, Slot(row, 0), OutboxNames.Of(item.Api));
        Text(statement, Slot(row, 1), item.DedupeKey);
        Text(statement, Slot(row, 2), item.RecordType);
        Utf8(statement, Slot(row, 3), item.PayloadUtf8);
        var source = Slot(row, 4);
        Check(item.Source is { } text ? raw.sqlite3_bind_text16(statement, source, text.AsSpan()) : raw.sqlite3_bind_null(statement, source));
    }

    /// <summary>Runs the statement with the rows bound; returns the ids of the rows inserted (an existing key inserts none), in no promised order.</summary>
    public List<long> Run()
    {
        var statement = Statement;
        _ids.Clear();
        try
        {
            while (true)
            {
                var rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_ROW)
                {
                    _ids.Add(raw.sqlite3_column_int64(statement, 0));
                }
                else if (rc == raw.SQLITE_DONE)
                {
                    return _ids;
                }
                else
                {
                    Check(rc);
                }
            }
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
