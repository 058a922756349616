using System.Text.Json;
using UsageSchema.Outbox;
using UsageSchema.Perseus;
using UsageSchema.Serialization;
using UsageSchema.Validation;

namespace UsageSchema.Cli.Verification;

/// <summary>
/// Compares the usage reports the outbox delivered with the reports a PERSEUS listing holds. A report is named by
/// its upsert key (project, compute project, resource, start, end, user, partition, priority; times compared as
/// instants) and belongs to the UTC day its window starts. Each difference is reported once.
/// </summary>
internal static class PerseusReconciliation
{
    /// <summary>The findings, grouped by kind and ordered by subject.</summary>
    /// <param name="delivered">The outbox's delivered reports, from <see cref="VerifyWindow.KnownLookBack"/> before the window on.</param>
    /// <param name="held">The reports the listing returned for the projects of <paramref name="delivered"/>, or null when the service has no listing.</param>
    /// <param name="window">The window and its rules.</param>
    public static IReadOnlyList<VerifyFinding> Compare(IReadOnlyList<OutboxEntry> delivered, IReadOnlyList<UsageReport>? held, VerifyWindow window)
    {
        var sent = delivered.Select(entry => (Entry: entry, Report: Read(entry))).ToList();
        var known = sent.Select(item => item.Report.Subject).ToHashSet(StringComparer.Ordinal);
        var findings = new List<VerifyFinding>();
        var days = sent.Select(item => item.Report.Day).OfType<DateOnly>().ToHashSet();
        if (held is not null)
        {
            var heldBySubject = held.Select(Of).GroupBy(report => report.Subject, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal);
            foreach (var (entry, report) in sent.Where(item => item.Entry.DeliveredAt is { } at && window.Contains(at)))
            {
                if (!heldBySubject.TryGetValue(report.Subject, out var stored))
                {
                    if (entry.DeliveredAt!.Value + window.LoadDelay <= window.Now)
                    {
                        findings.Add(new VerifyFinding(FindingKind.DeliveredNotLoaded, report.Subject,
                            $"delivered {VerifyText.Instant(entry.DeliveredAt.Value)} (outbox entry {VerifyText.Count(entry.Id)}) with value {VerifyText.Number(report.Value)}, not held by the service", entry.Id, Fixable: true));
                    }
                }
                else if (Math.Abs(stored.Value - report.Value) > window.ChargeTolerance)
                {
                    // A re-sent report with the same upsert key overwrites the stored one [DOC]: re-sending repairs it.
                    findings.Add(new VerifyFinding(FindingKind.ChargeDiffers, report.Subject,
                        $"delivered with value {VerifyText.Number(report.Value)}, held with value {VerifyText.Number(stored.Value)} (outbox entry {VerifyText.Count(entry.Id)})", entry.Id, Fixable: true));
                }
            }

            var first = DateOnly.FromDateTime(window.From.UtcDateTime);
            var last = DateOnly.FromDateTime(window.To.UtcDateTime.AddTicks(-1));
            foreach (var stored in heldBySubject.Values.Where(report => !known.Contains(report.Subject) && report.Day is { } day && day >= first && day <= last))
            {
                findings.Add(new VerifyFinding(FindingKind.UnknownToOutbox, stored.Subject, $"held with value {VerifyText.Number(stored.Value)}, never delivered by this outbox"));
            }

            days.UnionWith(heldBySubject.Values.Select(report => report.Day).OfType<DateOnly>());
        }

        findings.AddRange(VerifyText.DaysWithout(window, days, held is null ? "no usage report for this day in the outbox" : "no usage report for this day, delivered or held"));
        return [.. findings.OrderBy(finding => finding.Kind).ThenBy(finding => finding.Subject, StringComparer.Ordinal)];
    }

    /// <summary>A delivered entry's report.</summary>
    public static Report Read(OutboxEntry entry) =>
        Of(JsonSerializer.Deserialize<UsageReport>(entry.Payload, UsageJson.Options) ?? throw new InvalidOperationException($"Outbox entry {VerifyText.Count(entry.Id)} holds no usage report."));

    /// <summary>A report's subject (its upsert key, written out), value and day.</summary>
    public static Report Of(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var parts = new List<string> { report.ProjectOid.ToLowerInvariant(), report.ComputeProjectId, report.ResourceId, Time(report.Start), Time(report.End) };
        foreach (var (name, value) in new[] { (UsageReport.WireNames.User, report.User), (UsageReport.WireNames.Partition, report.Partition), (UsageReport.WireNames.Priority, report.Priority) })
        {
            if (value is not null)
            {
                parts.Add(name + "=" + value);
            }
        }

        var day = Iso8601.TryParse(report.Start, out var start) ? DateOnly.FromDateTime(start.UtcDateTime) : (DateOnly?)null;
        return new Report(string.Join('/', parts), report.ProjectOid, report.Value, day);
    }

    private static string Time(string? text) => text is not null && Iso8601.TryParse(text, out var instant) ? VerifyText.Instant(instant) : text ?? string.Empty;

    /// <summary>What the comparison needs of a report.</summary>
    /// <param name="Subject">The upsert key, written out: <c>project/compute project/resource/start/end[/user=..][/partition=..][/priority=..]</c>.</param>
    /// <param name="Project">The project (the "resource" of the daily figures).</param>
    /// <param name="Value">The reported value.</param>
    /// <param name="Day">The UTC day the report's window starts.</param>
    internal sealed record Report(string Subject, string Project, double Value, DateOnly? Day);
}
