using UsageSchema.Amie;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Verification;

/// <summary>
/// The AMIE check for a service without <c>GET /usage/loaded</c>: per resource, the records and charge
/// <c>GET /usage/status</c> says were loaded in the window against what the outbox delivered in it (less what the
/// service holds as failed). Which records differ cannot be told from totals, so a finding names the resource and the
/// window, and none is fixable. Failed records and days without records are found as with <c>/usage/loaded</c>.
/// </summary>
internal static class AmieStatusReconciliation
{
    /// <summary>The note every result of this check carries.</summary>
    public static readonly string Note = $"The AMIE service has no {AmieUsageOperations.GetLoadedRecords} (it answered {{0}}): the per-record check was not possible. "
        + $"Per resource, the records and charge {AmieUsageOperations.GetUsageStatus} reports as loaded in the window were compared with what the outbox delivered in it; "
        + "a record delivered shortly before the window and loaded inside it counts at the service only, and a not-loaded record and a foreign one cancel out.";

    /// <summary>The findings, grouped by kind and ordered by subject.</summary>
    /// <param name="delivered">The outbox's delivered AMIE entries, from <see cref="VerifyWindow.KnownLookBack"/> before the window on.</param>
    /// <param name="status">The service's per-resource status for the window.</param>
    /// <param name="failed">The service's failed records.</param>
    /// <param name="window">The window and its rules.</param>
    public static IReadOnlyList<VerifyFinding> Compare(IReadOnlyList<OutboxEntry> delivered, IReadOnlyList<UsageStatusResource> status, IReadOnlyList<FailedUsageRecord> failed, VerifyWindow window)
    {
        var failedKeys = failed.Select(record => AmieReconciliation.Key(record.Resource, record.LocalRecordId)).ToHashSet(StringComparer.Ordinal);
        var sent = delivered.Where(entry => entry.DeliveredAt is { } at && window.Contains(at))
            .Select(entry => (Entry: entry, Record: AmieReconciliation.DeliveredRecord.Of(entry)))
            .Where(item => !failedKeys.Contains(item.Record.Subject))
            .ToList();
        var byResource = sent.GroupBy(item => Resource(item.Record.Subject), StringComparer.OrdinalIgnoreCase).ToDictionary(group => group.Key, group => group.ToList(), StringComparer.OrdinalIgnoreCase);
        var loaded = status.Where(row => row.Resource is not null).GroupBy(row => row.Resource, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => (Records: group.Sum(row => row.LoadedRecordCount), Charge: group.Sum(row => row.TotalCharge)), StringComparer.OrdinalIgnoreCase);
        var span = $"{VerifyText.Instant(window.From)} to {VerifyText.Instant(window.To)}";
        var findings = new List<VerifyFinding>();
        foreach (var resource in byResource.Keys.Union(loaded.Keys, StringComparer.OrdinalIgnoreCase))
        {
            var items = byResource.GetValueOrDefault(resource) ?? [];
            var all = items.Count;
            var settled = items.Count(item => item.Entry.DeliveredAt!.Value + window.LoadDelay <= window.Now);
            var charge = items.Sum(item => item.Record.Amount ?? 0);
            var (records, loadedCharge) = loaded.GetValueOrDefault(resource);
            var figures = $"delivered {VerifyText.Count(all)} record(s) with Charge {VerifyText.Number(charge)} in {span}, the service reports {VerifyText.Count(records)} loaded with Charge {VerifyText.Number(loadedCharge)}";
            if (records < settled)
            {
                findings.Add(new VerifyFinding(FindingKind.DeliveredNotLoaded, resource, $"{figures}: {VerifyText.Count(settled - records)} not loaded after the load delay of {window.LoadDelay} (which cannot be told without {AmieUsageOperations.GetLoadedRecords})"));
            }
            else if (records > all)
            {
                findings.Add(new VerifyFinding(FindingKind.UnknownToOutbox, resource, $"{figures}: {VerifyText.Count(records - all)} more than this outbox delivered"));
            }
            else if (records == all && Math.Abs(charge - loadedCharge) > window.ChargeTolerance)
            {
                findings.Add(new VerifyFinding(FindingKind.ChargeDiffers, resource, $"{figures}: the totals differ by {VerifyText.Number(Math.Abs(charge - loadedCharge))}"));
            }
        }

        foreach (var record in failed)
        {
            findings.Add(new VerifyFinding(FindingKind.FailedAtService, AmieReconciliation.Key(record.Resource, record.LocalRecordId),
                $"FailedRecordID {record.FailedRecordId ?? "(none)"} ({record.UsageType}): {record.Error}", FailedRecordId: record.FailedRecordId));
        }

        var days = delivered.Select(entry => AmieReconciliation.DeliveredRecord.Of(entry).UsageDay).OfType<DateOnly>().ToHashSet();
        findings.AddRange(VerifyText.DaysWithout(window, days, "no record for this day in the outbox (the service's totals have no days)"));
        return [.. findings.OrderBy(finding => finding.Kind).ThenBy(finding => finding.Subject, StringComparer.Ordinal)];
    }

    // A subject is resource/LocalRecordID; a resource name has no '/'.
    private static string Resource(string subject) => subject[..subject.IndexOf('/', StringComparison.Ordinal)];
}
