using System.Globalization;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Verification;

/// <summary>
/// Compares the AMIE records the outbox delivered with what the service loaded (<c>GET /usage/loaded</c>) and holds
/// as failed (<c>GET /usage/failed</c>). Each difference is reported once: a record the service failed is reported as
/// failed, not also as not loaded.
/// </summary>
internal static class AmieReconciliation
{
    /// <summary>The findings, grouped by kind and ordered by subject.</summary>
    /// <param name="delivered">The outbox's delivered AMIE entries, from <see cref="VerifyWindow.KnownLookBack"/> before the window on.</param>
    /// <param name="loaded">The service's loaded records, loaded at or after the window's start.</param>
    /// <param name="failed">The service's failed records.</param>
    /// <param name="window">The window and its rules.</param>
    public static IReadOnlyList<VerifyFinding> Compare(IReadOnlyList<OutboxEntry> delivered, IReadOnlyList<LoadedUsageRecord> loaded, IReadOnlyList<FailedUsageRecord> failed, VerifyWindow window)
    {
        var sent = delivered.Select(entry => (Entry: entry, Record: DeliveredRecord.Of(entry))).ToList();
        var known = sent.Select(item => item.Record.Subject).ToHashSet(StringComparer.Ordinal);
        var loadedByKey = loaded.GroupBy(record => Key(record.Resource, record.LocalRecordId), StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal);
        var failedKeys = failed.Select(record => Key(record.Resource, record.LocalRecordId)).ToHashSet(StringComparer.Ordinal);
        var findings = new List<VerifyFinding>();

        foreach (var (entry, record) in sent.Where(item => item.Entry.DeliveredAt is { } at && window.Contains(at)))
        {
            if (failedKeys.Contains(record.Subject))
            {
                continue; // reported below, with the service's error
            }

            if (loadedByKey.TryGetValue(record.Subject, out var row))
            {
                if (record.Amount is { } charge && row.Charge is { } loadedCharge && Math.Abs(charge - loadedCharge) > window.ChargeTolerance)
                {
                    findings.Add(new VerifyFinding(FindingKind.ChargeDiffers, record.Subject, $"delivered with Charge {Number(charge)}, loaded with Charge {Number(loadedCharge)}", entry.Id));
                }
            }
            else if (entry.DeliveredAt!.Value + window.LoadDelay <= window.Now)
            {
                findings.Add(new VerifyFinding(FindingKind.DeliveredNotLoaded, record.Subject, $"delivered {Instant(entry.DeliveredAt.Value)} (outbox entry {entry.Id.ToString(CultureInfo.InvariantCulture)}), not loaded after the load delay of {window.LoadDelay}", entry.Id, Fixable: true));
            }
        }

        foreach (var record in failed)
        {
            var key = Key(record.Resource, record.LocalRecordId);
            // Loaded since, from a later delivery of this outbox: the failed record is stale and may be cleared.
            var since = known.Contains(key) && loadedByKey.ContainsKey(key);
            var detail = $"FailedRecordID {record.FailedRecordId ?? "(none)"} ({record.UsageType}): {record.Error}" + (since ? "; since delivered and loaded" : string.Empty);
            findings.Add(new VerifyFinding(FindingKind.FailedAtService, key, detail, FailedRecordId: record.FailedRecordId, Fixable: since && record.FailedRecordId is not null));
        }

        foreach (var record in loadedByKey.Values.Where(row => LoadedInWindow(row, window)))
        {
            var key = Key(record.Resource, record.LocalRecordId);
            if (!known.Contains(key))
            {
                findings.Add(new VerifyFinding(FindingKind.UnknownToOutbox, key, $"loaded {record.LoadedTime} with Charge {(record.Charge is { } c ? Number(c) : "(none)")}, never delivered by this outbox"));
            }
        }

        var days = sent.Select(item => item.Record.UsageDay)
            .Concat(loaded.Select(row => Day(row.SubmitTime)))
            .OfType<DateOnly>()
            .ToHashSet();
        foreach (var day in window.WholeDays().Where(day => !days.Contains(day)))
        {
            findings.Add(new VerifyFinding(FindingKind.DayWithoutRecords, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "no record for this day, delivered or loaded"));
        }

        return [.. findings.OrderBy(finding => finding.Kind).ThenBy(finding => finding.Subject, StringComparer.Ordinal)];
    }

    /// <summary>The subject naming an AMIE record: <c>resource/LocalRecordID</c>.</summary>
    public static string Key(string? resource, string? localRecordId) => $"{resource}/{localRecordId}";

    private static bool LoadedInWindow(LoadedUsageRecord row, VerifyWindow window) =>
        row.LoadedTime is null || !DateTimeOffset.TryParse(row.LoadedTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) || window.Contains(at);

    internal static DateOnly? Day(string? time) =>
        time is not null && DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? DateOnly.FromDateTime(at.UtcDateTime)
            : null;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>What a delivered entry's payload says: its subject, charge and usage day.</summary>
    internal sealed record DeliveredRecord(string Subject, double? Amount, DateOnly? UsageDay)
    {
        // The day a record's usage belongs to: the job's end, the storage collection, the adjustment's start.
        private static readonly string[] DayFields = [ComputeUsageRecord.WireNames.EndTime, StorageUsageRecord.WireNames.CollectionTime, AdjustmentUsageRecord.WireNames.StartTime];

        // Every AMIE record has a Charge under the same name; the compute record's constant names it.
        private const string Charge = ComputeUsageRecord.WireNames.Charge;

        public static DeliveredRecord Of(OutboxEntry entry)
        {
            using var document = JsonDocument.Parse(entry.Payload);
            var root = document.RootElement;
            var charge = root.TryGetProperty(Charge, out var value) ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => (double?)null,
            } : null;
            var day = DayFields.Select(field => root.TryGetProperty(field, out var time) && time.ValueKind == JsonValueKind.String ? AmieReconciliation.Day(time.GetString()) : null).FirstOrDefault(found => found is not null);
            return new DeliveredRecord(AmieReconciliation.Key(Text(root, IAmieUsageRecord.WireNames.Resource), Text(root, IAmieUsageRecord.WireNames.LocalRecordId)), charge, day);
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
