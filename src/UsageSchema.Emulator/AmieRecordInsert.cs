using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace UsageSchema.Emulator;

/// <summary>
/// The inserts of accepted AMIE records on the connection's raw SQLite handle, prepared once per connection
/// (<see cref="EmulatorStore.Prepared{T}"/>) and bound by position: a multi-row insert of <see cref="Rows"/> rows, one
/// for each shorter length (a request's last rows), and the one-row <c>ON CONFLICT DO NOTHING</c> insert a batch that
/// meets a held key falls back to.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite binds each parameter by name on every execution (the name converted to UTF-8 and found by
/// SQLite's linear search of the statement's names) and each string transcoded from UTF-16; that was most of the
/// intake's time. Here every value goes straight to its slot from the request's own UTF-8 bytes (SQLite copies them):
/// a record's stored text is its raw text as sent, byte for byte, and its key is bound without a string (unless the
/// sender escaped it, when the decoded text is bound, as before).
/// </remarks>
internal sealed class AmieRecordInsert : IDisposable
{
    /// <summary>
    /// Rows of one multi-row insert. With binds by position a row costs the same in a long statement as in a short
    /// one, so a batch spends the statement's fixed cost (step, reset) over 64 records; a batch that meets a held key
    /// goes row by row, so a duplicate costs up to 64 single inserts.
    /// </summary>
    public const int Rows = 64;

    /// <summary>The bound columns of one row: resource, local_record_id, charge, json.</summary>
    private const int ColumnsPerRow = 4;

    private const string InsertColumns = "INSERT INTO amie_records (usage_type, resource, local_record_id, charge, queued_at, json) VALUES ";

    private readonly sqlite3 _db;

    // By row count (index 0: the one-row insert that skips a held key).
    private readonly sqlite3_stmt?[] _statements = new sqlite3_stmt?[Rows + 1];
    private readonly Row[] _pending = new Row[Rows];

    public AmieRecordInsert(SqliteConnection connection) =>
        _db = connection.Handle ?? throw new InvalidOperationException("The emulator's connection is not open.");

    /// <summary>Rows added since the last <see cref="Flush"/>.</summary>
    public int Pending { get; private set; }

    /// <summary>Adds one accepted record; the caller flushes when <see cref="Pending"/> reaches <see cref="Rows"/>.</summary>
    /// <param name="index">The record's index in the request.</param>
    /// <param name="read">The record as the acceptance engine read it (kept for a duplicate's failed record).</param>
    /// <param name="sent">The record as sent: its raw text is what is stored.</param>
    /// <param name="key">Its key and charge.</param>
    public void Add(int index, JsonElement read, JsonElement sent, in RecordKey key) => _pending[Pending++] = new Row(index, read, sent, key);

    /// <summary>
    /// Inserts the pending rows for <paramref name="usageType"/> at <paramref name="queuedAt"/>, inside the caller's
    /// transaction. A statement that meets a key already held (an earlier record of this request or batch included) is
    /// undone by SQLite alone and the batch goes row by row, skipping a held key; each skipped record goes to
    /// <paramref name="duplicates"/> (index and read record). Returns the rows inserted.
    /// </summary>
    public int Flush(string usageType, long queuedAt, List<(int Index, JsonElement Record)> duplicates)
    {
        var rows = Pending;
        if (rows == 0)
        {
            return 0;
        }

        Pending = 0;
        var statement = Statement(rows);
        BindShared(statement, usageType, queuedAt);
        for (var i = 0; i < rows; i++)
        {
            BindRow(statement, 3 + (i * ColumnsPerRow), _pending[i]);
        }

        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc == raw.SQLITE_DONE)
        {
            return rows;
        }

        if (rc != raw.SQLITE_CONSTRAINT)
        {
            Check(rc);
        }

        // A key already held: SQLite undid this statement alone; the batch goes row by row.
        var single = Statement(0);
        BindShared(single, usageType, queuedAt);
        var inserted = 0;
        for (var i = 0; i < rows; i++)
        {
            var row = _pending[i];
            BindRow(single, 3, row);
            rc = raw.sqlite3_step(single);
            raw.sqlite3_reset(single);
            Check(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
            if (raw.sqlite3_changes(_db) == 1)
            {
                inserted++;
            }
            else
            {
                duplicates.Add((row.Index, row.Read));
            }
        }

        return inserted;
    }

    public void Dispose()
    {
        for (var i = 0; i < _statements.Length; i++)
        {
            _statements[i]?.Dispose();
            _statements[i] = null;
        }
    }

    /// <summary>An insert of <paramref name="rows"/> rows (0: one row, skipping a held key): <c>?1</c> the type, <c>?2</c> the time, then four a row.</summary>
    private sqlite3_stmt Statement(int rows)
    {
        if (_statements[rows] is { } prepared)
        {
            return prepared;
        }

        var sql = new StringBuilder(InsertColumns);
        for (var i = 0; i < Math.Max(rows, 1); i++)
        {
            var first = 3 + (i * ColumnsPerRow);
            sql.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"(?1, ?{first}, ?{first + 1}, ?{first + 2}, ?2, ?{first + 3})");
        }

        if (rows == 0)
        {
            sql.Append(" ON CONFLICT (resource, local_record_id) DO NOTHING");
        }

        Check(raw.sqlite3_prepare_v2(_db, sql.ToString(), out var statement));
        _statements[rows] = statement;
        return statement;
    }

    private void BindShared(sqlite3_stmt statement, string usageType, long queuedAt)
    {
        Check(raw.sqlite3_bind_text(statement, 1, usageType));
        Check(raw.sqlite3_bind_int64(statement, 2, queuedAt));
    }

    private void BindRow(sqlite3_stmt statement, int slot, in Row row)
    {
        Text(statement, slot, row.Key.Resource, row.Key.ResourceText);
        Text(statement, slot + 1, row.Key.LocalRecordId, row.Key.LocalRecordIdText);
        Check(raw.sqlite3_bind_double(statement, slot + 2, row.Key.Charge));

        // The record's raw text as sent (never empty: at least "{}").
        Check(raw.sqlite3_bind_text(statement, slot + 3, JsonMarshal.GetRawUtf8Value(row.Sent)));
    }

    /// <summary>A key member: its UTF-8 bytes as sent when it is a string without an escape, else its decoded text.</summary>
    private void Text(sqlite3_stmt statement, int slot, JsonElement value, string? text)
    {
        if (text is null && value.ValueKind == JsonValueKind.String)
        {
            var utf8 = JsonMarshal.GetRawUtf8Value(value)[1..^1];
            if (!utf8.IsEmpty && utf8.IndexOf((byte)'\\') < 0)
            {
                Check(raw.sqlite3_bind_text(statement, slot, utf8));
                return;
            }

            text = value.GetString();
        }

        // An empty span would be bound as NULL: the empty text is bound as a string.
        Check(raw.sqlite3_bind_text(statement, slot, text ?? string.Empty));
    }

    /// <summary>A failed call as Microsoft.Data.Sqlite reports it (<see cref="SqliteException"/>, with SQLite's code).</summary>
    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private readonly record struct Row(int Index, JsonElement Read, JsonElement Sent, RecordKey Key);
}
