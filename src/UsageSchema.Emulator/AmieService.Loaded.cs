using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using UsageSchema.Amie;

namespace UsageSchema.Emulator;

/// <summary>
/// <c>GET /usage/loaded</c>: the records loaded so far (their load delay has passed), oldest load
/// first, paged by <c>limit</c> (1 to 25,000, default 25,000) and <c>offset</c>, optionally from
/// <c>min_loaded_time</c> on and for one <c>local_record_id</c>. The parameter names are the spec's
/// choice; the real ones are not public.
/// </summary>
internal sealed partial class AmieService
{
    private const int MaxLoadedPageSize = 25_000;

    // The stored record's time members, by their generated C# names (the wire names are the spec's).
    private static readonly string LoadedSql = $"""
        SELECT id, local_record_id, resource,
               COALESCE(json_extract(json, '$.{Acceptance.WireName.Of<ComputeUsageRecord>(nameof(ComputeUsageRecord.SubmitTime))}'),
                        json_extract(json, '$.{Acceptance.WireName.Of<StorageUsageRecord>(nameof(StorageUsageRecord.CollectionTime))}'),
                        json_extract(json, '$.{Acceptance.WireName.Of<AdjustmentUsageRecord>(nameof(AdjustmentUsageRecord.StartTime))}')),
               queued_at + $d, charge
        FROM amie_records
        WHERE queued_at + $d <= $now AND queued_at + $d >= $min AND ($l IS NULL OR local_record_id = $l)
        ORDER BY queued_at, id
        LIMIT $limit OFFSET $offset
        """;

    private async Task GetLoadedAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!TryReadBound(query[AmieUsageOperations.Names.GetLoadedRecords.MinLoadedTime].ToString(), endOfDay: false, out var minLoaded))
        {
            await EmulatorResponses.WriteJsonErrorAsync(context, StatusCodes.Status400BadRequest, "min_loaded_time must be an ISO 8601 date or date-time.").ConfigureAwait(false);
            return;
        }

        if (!TryReadCount(query[AmieUsageOperations.Names.GetLoadedRecords.Limit].ToString(), MaxLoadedPageSize, 1, MaxLoadedPageSize, out var limit)
            || !TryReadCount(query[AmieUsageOperations.Names.GetLoadedRecords.Offset].ToString(), 0, 0, int.MaxValue, out var offset))
        {
            await EmulatorResponses.WriteJsonErrorAsync(context, StatusCodes.Status400BadRequest, "limit must be 1 to 25000 and offset 0 or more.").ConfigureAwait(false);
            return;
        }

        var localRecordId = query[AmieUsageOperations.Names.GetLoadedRecords.LocalRecordId].ToString();
        var now = EmulatorStore.ToUnixMs(_clock.GetUtcNow());
        var rows = store.Run(connection => LoadedRows(connection, minLoaded ?? long.MinValue, now, localRecordId.Length == 0 ? null : localRecordId, limit, offset));
        await EmulatorResponses.WriteJsonAsync(context, StatusCodes.Status200OK, rows).ConfigureAwait(false);
    }

    private List<LoadedUsageRecord> LoadedRows(SqliteConnection connection, long minLoaded, long now, string? localRecordId, int limit, int offset)
    {
        // The submit time of a storage or adjustment record is its collection or start time: the
        // service's equivalent is not public.
        using var command = EmulatorStore.Command(connection, LoadedSql,
            ("$d", _loadDelayMs), ("$now", now), ("$min", minLoaded), ("$l", localRecordId), ("$limit", limit), ("$offset", offset));
        using var reader = command.ExecuteReader();
        var rows = new List<LoadedUsageRecord>();
        while (reader.Read())
        {
            rows.Add(new LoadedUsageRecord
            {
                AccountingDbRecordId = EmulatorStore.Invariant(reader.GetInt64(0)),
                LocalRecordId = reader.GetString(1),
                Resource = reader.GetString(2),
                SubmitTime = reader.IsDBNull(3) ? null : Convert.ToString(reader.GetValue(3), CultureInfo.InvariantCulture),
                LoadedTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                Charge = reader.GetDouble(5),
            });
        }

        return rows;
    }

    private static bool TryReadCount(string text, int fallback, int minimum, int maximum, out int value)
    {
        value = fallback;
        return string.IsNullOrWhiteSpace(text)
            || (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= minimum && value <= maximum);
    }
}
