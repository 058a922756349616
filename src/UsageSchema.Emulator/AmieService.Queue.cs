using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using UsageSchema.Amie;
using UsageSchema.Serialization;

namespace UsageSchema.Emulator;

/// <summary>The AMIE queue: a request's accepted records stored in batches, its failed records kept.</summary>
internal sealed partial class AmieService
{
    /// <summary>Rows of one multi-row insert (<see cref="AmieRecordInsert.Rows"/>).</summary>
    internal const int InsertBatch = AmieRecordInsert.Rows;

    /// <summary>Queues each accepted record once per (Resource, LocalRecordID); keeps the others as failed records.</summary>
    /// <remarks>
    /// <para>Accepted records are inserted <see cref="InsertBatch"/> at a time by one multi-row statement, prepared once
    /// per connection on its raw handle (<see cref="AmieRecordInsert"/>), inside the request's one transaction
    /// (<see cref="EmulatorStore.Run{T}"/>). The table's <c>UNIQUE (resource, local_record_id)</c> aborts a statement
    /// that meets a key already held (an earlier record of the same request or batch included), and SQLite undoes
    /// that statement alone; the batch is then inserted row by row, skipping a held key
    /// (<c>ON CONFLICT DO NOTHING</c>), and a row not inserted is a duplicate. Rows get the ids, and records the
    /// verdicts, that one insert per record in order gives.</para>
    /// <para>Failed records (the engine's violations, then duplicates) are written after the batches, in record
    /// order, so their <c>FailedRecordID</c>s follow the records as before.</para>
    /// </remarks>
    /// <param name="connection">The store's connection.</param>
    /// <param name="usageType">The message's usage type.</param>
    /// <param name="records">The records as sent (stored so, from their raw text).</param>
    /// <param name="read">The records as the acceptance engine read them (keys are taken from these); the same elements when no known form applied.</param>
    /// <param name="errors">The acceptance engine's violations, by record index.</param>
    /// <param name="now">The time of processing.</param>
    private (int Queued, List<FailedUsageRecord> Failed) Queue(SqliteConnection connection, UsageType usageType, JsonElement records,
        JsonElement read, ILookup<int, Acceptance.BodyViolation> errors, long now)
    {
        var type = usageType.ToString();
        var inserter = store.Prepared(connection, open => new AmieRecordInsert(open));
        var duplicates = new List<(int Index, JsonElement Record)>();
        var rejected = new List<(int Index, JsonElement Record, string Error)>();
        var queued = 0;
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
                inserter.Add(index, record, element, KeyOf(record, usageType));
                if (inserter.Pending == InsertBatch)
                {
                    queued += inserter.Flush(type, now, duplicates);
                }
            }

            index++;
        }

        queued += inserter.Flush(type, now, duplicates);
        rejected.AddRange(duplicates.Select(duplicate => (duplicate.Index, duplicate.Record, DuplicateError)));
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

    /// <summary>
    /// The key and charge of an accepted record. An accepted record has them as JSON strings (the spec's types, after
    /// the known forms): found in one pass over its members (the last of a repeated name, as
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> finds it) and kept as elements, bound from their
    /// bytes; anything else through the lenient flat reading of a failed record (every member text), as before.
    /// </summary>
    private static RecordKey KeyOf(JsonElement record, UsageType usageType)
    {
        if (record.ValueKind == JsonValueKind.Object)
        {
            JsonElement resource = default, localRecordId = default, charge = default;
            foreach (var member in record.EnumerateObject())
            {
                if (member.NameEquals(ResourceU8))
                {
                    resource = member.Value;
                }
                else if (member.NameEquals(LocalRecordIdU8))
                {
                    localRecordId = member.Value;
                }
                else if (member.NameEquals(ChargeU8))
                {
                    charge = member.Value;
                }
            }

            if (resource.ValueKind == JsonValueKind.String && localRecordId.ValueKind == JsonValueKind.String
                && charge.ValueKind is JsonValueKind.Undefined or JsonValueKind.String)
            {
                return new RecordKey(resource, localRecordId, null, null, charge.ValueKind == JsonValueKind.String ? ChargeOf(charge) : 0);
            }
        }

        var flat = ToFailedRecord(record, usageType, string.Empty);
        return new RecordKey(default, default, flat.Resource ?? string.Empty, flat.LocalRecordId ?? string.Empty, ChargeOf(flat.Charge));
    }

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
