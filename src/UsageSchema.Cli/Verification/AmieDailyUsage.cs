using System.Globalization;
using UsageSchema.Amie;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Verification;

/// <summary>
/// The AMIE daily figures: per resource and usage day, the outbox's entries (any state, and delivered) and the
/// service's loaded and failed records. A loaded record this outbox sent is counted on the day of the record it
/// sent, so that one record falls on one day in every series; others on the day of their SubmitTime.
/// </summary>
internal static class AmieDailyUsage
{
    /// <summary>The figures of the days that lie in <paramref name="window"/>, ordered by resource and day.</summary>
    /// <param name="entries">The outbox's AMIE entries, any state.</param>
    /// <param name="loaded">The service's loaded records.</param>
    /// <param name="failed">The service's failed records.</param>
    /// <param name="window">The window.</param>
    public static IReadOnlyList<DailyUsage> Of(IEnumerable<OutboxEntry> entries, IEnumerable<LoadedUsageRecord> loaded, IEnumerable<FailedUsageRecord> failed, VerifyWindow window)
    {
        var days = new Dictionary<(string Resource, DateOnly Day), DailyUsage>();
        var dayOf = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var first = DateOnly.FromDateTime(window.From.UtcDateTime);
        var last = DateOnly.FromDateTime(window.To.UtcDateTime.AddTicks(-1));

        void Add(string subject, DateOnly? day, Func<DailyUsage, DailyUsage> change)
        {
            if (day is not { } on || on < first || on > last)
            {
                return;
            }

            var key = (Resource(subject), on);
            days[key] = change(days.TryGetValue(key, out var usage) ? usage : new DailyUsage(key.Item1, on));
        }

        foreach (var entry in entries)
        {
            var record = AmieReconciliation.DeliveredRecord.Of(entry);
            if (record.UsageDay is { } day)
            {
                dayOf[record.Subject] = day;
            }

            Add(record.Subject, record.UsageDay, usage => usage with { Sent = usage.Sent.Add(record.Amount) });
            if (entry.State == OutboxState.Delivered)
            {
                Add(record.Subject, record.UsageDay, usage => usage with { Delivered = usage.Delivered.Add(record.Amount) });
            }
        }

        foreach (var row in loaded)
        {
            var subject = AmieReconciliation.Key(row.Resource, row.LocalRecordId);
            Add(subject, dayOf.TryGetValue(subject, out var day) ? day : AmieReconciliation.Day(row.SubmitTime), usage => usage with { Loaded = usage.Loaded.Add(row.Charge) });
        }

        foreach (var row in failed)
        {
            var subject = AmieReconciliation.Key(row.Resource, row.LocalRecordId);
            var own = AmieReconciliation.Day(row.EndTime) ?? AmieReconciliation.Day(row.CollectionTime) ?? AmieReconciliation.Day(row.StartTime);
            var charge = double.TryParse(row.Charge, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
            Add(subject, dayOf.TryGetValue(subject, out var day) ? day : own, usage => usage with { Failed = usage.Failed.Add(charge) });
        }

        return [.. days.Values.OrderBy(usage => usage.Resource, StringComparer.Ordinal).ThenBy(usage => usage.Day)];
    }

    // A subject is resource/LocalRecordID; a resource name has no '/'.
    private static string Resource(string subject) => subject[..subject.IndexOf('/', StringComparison.Ordinal)];
}
