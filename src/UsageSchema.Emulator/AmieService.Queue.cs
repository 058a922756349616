using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using UsageSchema.Amie;
using UsageSchema.Serialization;

namespace UsageSchema.Emulator;

/// <summary>The AMIE queue: a request's accepted records stored in batches, its failed records kept.</summary>
internal sealed partial class AmieService
{
    /// <summary>
    /// Rows of one multi-row insert. Microsoft.Data.Sqlite binds each parameter by looking its name up in the
    /// statement (a linear search), so a row's cost grows with the statement's size: 128 rows (514 parameters) made
    /// the store slower than one insert a record; 16 rows spend the statement's fixed cost over 16 records and keep
    /// the look-ups short.
    /// </summary>
    internal const int InsertBatch = 16;

    private const string InsertColumns = "INSERT INTO amie_records (usage_type, resource, local_record_id, charge, queued_at, json) VALUES ";

    /// <summary>Queues each accepted record once per (Resource, LocalRecordID); keeps the others as failed records.</summary>
    /// <remarks>
    /// <para>Accepted records are inserted <see cref="InsertBatch"/> at a time by one multi-row statement, prepared once
    /// per request (and one for the last, shorter batch), inside the request's one transaction
    /// (<see cref="EmulatorStore.Run{T}"/>). The table's <c>UNIQUE (resource, local_record_id)</c> aborts a statement
    /// that meets a key already held (an earlier record of the same request or batch included), and SQLite undoes
    /// that statement alone; the batch is then inserted row by row, skipping a held key
    /// (<c>ON CONFLICT DO NOTHING</c>), and a row not inserted is a duplicate. Rows get the ids, and records the
    /// verdicts, that one insert per record in order gives.</para>
    /// <para>Failed records (the engine's violations, then duplicates) are written after the batches, in record
    /// order, so their <c>FailedRecordID</c>s follow the records as before.</para>
    /// </remarks>
    /// <param name="connection">The store.</param>
    /// <param name="usageType">The message's usage type.</param>
    /// <param name="records">The records as sent (stored so, from their raw text).</param>
    /// <param name="read">The records as the acceptance engine read them (keys are taken from these); the same elements when no known form applied.</param>
    /// <param name="errors">The acceptance engine's violations, by record index.</param>
    /// <param name="now">The time of processing.</param>
    private static (int Queued, List<FailedUsageRecord> Failed) Queue(SqliteConnection connection, UsageType usageType, JsonElement records,
        JsonElement read, ILookup<int, Acceptance.BodyViolation> errors, long now)
    {
        var type = usageType.ToString();
        var inserter = new BatchInsert(connection, type, now);
        var rejected = new List<(int Index, JsonElement Record, string Error)>();
        var keys = new KeyReader();
        var queued = 0;
        try
        {
            var index = 0;
            using var readRecords = read.EnumerateArray();
            foreach (var element in records.EnumerateArray())
            {
                readRecords.MoveNext();
                var record = readRecords.Current;
                if (errors.Contains(index))
                {
                    rejected.Add((index, record, string.Join("; ", errors[index])));
                }
                else
                {
                    var (resource, localRecordId, charge) = keys.KeyOf(record, usageType);
                    inserter.Add(index, record, resource, localRecordId, charge, element.GetRawText());
                    if (inserter.Pending == InsertBatch)
                    {
                        queued += inserter.Flush(rejected);
                    }
                }

                index++;
            }

            queued += inserter.Flush(rejected);
        }
        finally
        {
            inserter.Dispose();
        }

        return (queued, Keep(connection, type, now, usageType, rejected));
    }

    /// <summary>Writes the failed records in record order; each gets its <c>FailedRecordID</c>.</summary>
    private static List<FailedUsageRecord> Keep(SqliteConnection connection, string type, long now, UsageType usageType, List<(int Index, JsonElement Record, string Error)> rejected)
    {
        var failed = new List<FailedUsageRecord>(rejected.Count);
        if (rejected.Count == 0)
        {
            return failed;
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        using var keep = EmulatorStore.Command(connection,
            "INSERT INTO amie_failed (usage_type, resource, error, queued_at, json) VALUES ($t, $r, $e, $q, $j) RETURNING id",
            ("$t", type), ("$r", string.Empty), ("$e", string.Empty), ("$q", now), ("$j", string.Empty));
        keep.Prepare();
        foreach (var (_, record, error) in rejected)
        {
            var failure = ToFailedRecord(record, usageType, error);
            keep.Parameters["$r"].Value = failure.Resource ?? string.Empty;
            keep.Parameters["$e"].Value = failure.Error;
            keep.Parameters["$j"].Value = JsonSerializer.Serialize(failure, UsageJson.Options);
            failure.FailedRecordId = EmulatorStore.Invariant((long)keep.ExecuteScalar()!);
            failed.Add(failure);
        }

        return failed;
    }

    /// <summary>The multi-row inserts of one request, and the row-by-row insert a batch with a held key falls back to.</summary>
    private sealed class BatchInsert(SqliteConnection connection, string type, long now) : IDisposable
    {
        private readonly (int Index, JsonElement Record, string Resource, string LocalRecordId, double Charge, string Json)[] _rows = new (int, JsonElement, string, string, double, string)[InsertBatch];
        private readonly Dictionary<int, SqliteCommand> _byRows = [];
        private SqliteCommand? _single;

        public int Pending { get; private set; }

        public void Add(int index, JsonElement record, string resource, string localRecordId, double charge, string json) =>
            _rows[Pending++] = (index, record, resource, localRecordId, charge, json);

        /// <summary>Inserts the pending rows; a held key's record goes to <paramref name="rejected"/> as a duplicate. Returns the rows inserted.</summary>
        /// <param name="rejected">The failed records.</param>
        public int Flush(List<(int Index, JsonElement Record, string Error)> rejected)
        {
            if (Pending == 0)
            {
                return 0;
            }

            var rows = Pending;
            Pending = 0;
            var statement = Statement(rows);
            var parameters = statement.Parameters;
            for (var i = 0; i < rows; i++)
            {
                var row = _rows[i];
                parameters[(4 * i) + 2].Value = row.Resource;
                parameters[(4 * i) + 3].Value = row.LocalRecordId;
                parameters[(4 * i) + 4].Value = row.Charge;
                parameters[(4 * i) + 5].Value = row.Json;
            }

            try
            {
                statement.ExecuteNonQuery();
                return rows;
            }
            catch (SqliteException exception) when (exception.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
            {
                // A key already held: SQLite undid this statement alone; the batch goes row by row.
                return RowByRow(rows, rejected);
            }
        }

        private int RowByRow(int rows, List<(int Index, JsonElement Record, string Error)> rejected)
        {
            _single ??= Prepared(1, " ON CONFLICT (resource, local_record_id) DO NOTHING");
            var inserted = 0;
            var parameters = _single.Parameters;
            for (var i = 0; i < rows; i++)
            {
                var row = _rows[i];
                parameters[2].Value = row.Resource;
                parameters[3].Value = row.LocalRecordId;
                parameters[4].Value = row.Charge;
                parameters[5].Value = row.Json;
                if (_single.ExecuteNonQuery() == 1)
                {
                    inserted++;
                }
                else
                {
                    rejected.Add((row.Index, row.Record, DuplicateError));
                }
            }

            return inserted;
        }

        private SqliteCommand Statement(int rows)
        {
            if (!_byRows.TryGetValue(rows, out var statement))
            {
                statement = Prepared(rows, string.Empty);
                _byRows[rows] = statement;
            }

            return statement;
        }

        /// <summary>An insert of <paramref name="rows"/> rows: parameters <c>$t</c>, <c>$q</c>, then <c>$rN $lN $cN $jN</c> a row, in that order.</summary>
        private SqliteCommand Prepared(int rows, string conflict)
        {
            var sql = new StringBuilder(InsertColumns);
            for (var i = 0; i < rows; i++)
            {
                sql.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"($t, $r{i}, $l{i}, $c{i}, $q, $j{i})");
            }

            var command = EmulatorStore.Command(connection, sql.Append(conflict).ToString(), ("$t", type), ("$q", now));
            for (var i = 0; i < rows; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue("$r" + n, string.Empty);
                command.Parameters.AddWithValue("$l" + n, string.Empty);
                command.Parameters.AddWithValue("$c" + n, 0d);
                command.Parameters.AddWithValue("$j" + n, string.Empty);
            }

            command.Prepare();
            return command;
        }

        public void Dispose()
        {
            foreach (var statement in _byRows.Values)
            {
                statement.Dispose();
            }

            _single?.Dispose();
        }
    }

    /// <summary>
    /// The key and charge of an accepted record. An accepted record has them as JSON strings (the
    /// spec's types, after the known forms): read directly (a resource equal to the last one's reuses its string);
    /// anything else through the lenient flat reading of a failed record (every member text), as before.
    /// </summary>
    private sealed class KeyReader
    {
        private byte[] _lastResource = [];
        private string _lastResourceText = string.Empty;

        public (string Resource, string LocalRecordId, double Charge) KeyOf(JsonElement record, UsageType usageType)
        {
            if (record.ValueKind == JsonValueKind.Object && Resource(record) is { } resource
                && Text(record, IAmieUsageRecord.WireNames.LocalRecordId) is { } localRecordId)
            {
                if (!record.TryGetProperty(ChargeName, out var charge))
                {
                    return (resource, localRecordId, 0);
                }

                if (charge.ValueKind == JsonValueKind.String)
                {
                    return (resource, localRecordId, ChargeOf(charge));
                }
            }

            var flat = ToFailedRecord(record, usageType, string.Empty);
            return (flat.Resource ?? string.Empty, flat.LocalRecordId ?? string.Empty, ChargeOf(flat.Charge));
        }

        private string? Resource(JsonElement record)
        {
            if (!record.TryGetProperty(IAmieUsageRecord.WireNames.Resource, out var value) || value.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var raw = JsonMarshal.GetRawUtf8Value(value);
            if (!raw.SequenceEqual(_lastResource))
            {
                _lastResource = raw.ToArray();
                _lastResourceText = value.GetString()!;
            }

            return _lastResourceText;
        }
    }

    private static string? Text(JsonElement fields, string name) =>
        fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A charge sent as text, read as a number (0 when it is none); from its UTF-8 bytes unless it has an escape.</summary>
    private static double ChargeOf(JsonElement charge)
    {
        var raw = JsonMarshal.GetRawUtf8Value(charge)[1..^1];
        return raw.IndexOf((byte)'\\') < 0
            ? double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0
            : ChargeOf(charge.GetString());
    }

    private static double ChargeOf(string? charge) =>
        double.TryParse(charge, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>The flat failed record: the record's own fields as read, plus <c>UsageType</c> and <c>Error</c>.</summary>
    private static FailedUsageRecord ToFailedRecord(JsonElement record, UsageType usageType, string error)
    {
        FailedUsageRecord? failure = null;
        if (record.ValueKind == JsonValueKind.Object)
        {
            try
            {
                failure = record.Deserialize<FailedUsageRecord>(UsageJson.Options);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
            {
                // Fields of the wrong shape: the failed record carries only the error.
            }
        }

        failure ??= new FailedUsageRecord();
        failure.UsageType = usageType;
        failure.Error = error;
        failure.FailedRecordId = null;
        return failure;
    }
}
