using System.Globalization;
using System.Text.Json;
using UsageSchema.Emulator;
using UsageSchema.GatewayAttributes;
using UsageSchema.Outbox;
using Fields = UsageSchema.GatewayAttributes.GatewayAttributesOperations.Names.SubmitJobAttributes;

namespace UsageSchema.Cli.Verification;

/// <summary>
/// Compares the job attributes the outbox delivered with the jobs the gateway's read-back routes report. A job is
/// named <c>resource/jobid</c> (the pair the service keys a job by; the resource compared case-insensitively) and
/// belongs to the UTC day it was submitted, as the read-back routes select it. Each difference is reported once.
/// </summary>
internal static class GatewayReconciliation
{
    /// <summary>The findings, grouped by kind and ordered by subject.</summary>
    /// <param name="delivered">The outbox's delivered gateway entries, from <see cref="VerifyWindow.KnownLookBack"/> before the window on.</param>
    /// <param name="reported">The jobs the read-back routes returned for the days of the window.</param>
    /// <param name="window">The window and its rules.</param>
    /// <param name="seesEveryJob">
    /// Whether <paramref name="reported"/> holds every job of the gateway for those days (read by project): only then
    /// is a reported job the outbox never sent a finding, and a day without jobs judged by the service's side too.
    /// </param>
    public static IReadOnlyList<VerifyFinding> Compare(IReadOnlyList<OutboxEntry> delivered, IReadOnlyList<GatewayJob> reported, VerifyWindow window, bool seesEveryJob)
    {
        var sent = delivered.Select(entry => (Entry: entry, Job: DeliveredJob.Of(entry))).ToList();
        var known = sent.Select(item => item.Job.Key).ToHashSet(StringComparer.Ordinal);
        var reportedByKey = reported.GroupBy(job => Key(job.ResourceName, job.LocalJobId), StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal);
        var findings = new List<VerifyFinding>();

        foreach (var (entry, job) in sent.Where(item => item.Entry.DeliveredAt is { } at && window.Contains(at)))
        {
            if (!reportedByKey.TryGetValue(job.Key, out var row))
            {
                if (entry.DeliveredAt!.Value + window.LoadDelay <= window.Now)
                {
                    findings.Add(new VerifyFinding(FindingKind.DeliveredNotLoaded, job.Subject,
                        $"delivered {VerifyText.Instant(entry.DeliveredAt.Value)} (outbox entry {VerifyText.Count(entry.Id)}), not reported by the gateway's read-back after the load delay of {window.LoadDelay}", entry.Id, Fixable: true));
                }

                continue;
            }

            var differences = Differences(job, row);
            if (differences.Count > 0)
            {
                // The service keeps one job per (resource, jobid) and a re-sent job overwrites it: re-sending repairs it.
                findings.Add(new VerifyFinding(FindingKind.AttributesDiffer, job.Subject, string.Join("; ", differences) + $" (outbox entry {VerifyText.Count(entry.Id)})", entry.Id, Fixable: true));
            }
        }

        var first = DateOnly.FromDateTime(window.From.UtcDateTime);
        var last = DateOnly.FromDateTime(window.To.UtcDateTime.AddTicks(-1));
        if (seesEveryJob)
        {
            foreach (var (key, row) in reportedByKey.Where(pair => !known.Contains(pair.Key)))
            {
                if (DayOf(row.SubmitTime) is { } day && day >= first && day <= last)
                {
                    findings.Add(new VerifyFinding(FindingKind.UnknownToOutbox, $"{row.ResourceName}/{row.LocalJobId}",
                        $"reported (submitted {row.SubmitTime}{(UserOf(row) is { } user ? ", gateway user " + user : string.Empty)}), never delivered by this outbox"));
                }
            }
        }

        var days = sent.Select(item => item.Job.Day)
            .Concat(seesEveryJob ? reported.Select(row => DayOf(row.SubmitTime)) : [])
            .OfType<DateOnly>()
            .ToHashSet();
        findings.AddRange(VerifyText.DaysWithout(window, days, seesEveryJob ? "no job submitted on this day, delivered or reported" : "no job submitted on this day in the outbox"));
        return [.. findings.OrderBy(finding => finding.Kind).ThenBy(finding => finding.Subject, StringComparer.Ordinal)];
    }

    /// <summary>The key a job is matched by: the resource (any case) and the job id.</summary>
    public static string Key(string? resource, string? jobId) => $"{resource?.Trim().ToUpperInvariant()}/{jobId}";

    /// <summary>The gateway user a read-back row names: not a documented column, so only where the service adds it (the emulator does).</summary>
    public static string? UserOf(GatewayJob row) =>
        row.AdditionalProperties.TryGetValue(GatewayReadBackExtras.GatewayUser, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The UTC day of a submission time in any of the forms gateways send and the service writes.</summary>
    public static DateOnly? DayOf(string? time) => SubmitTime.TryRead(time, out var instant) ? DateOnly.FromDateTime(instant.UtcDateTime) : null;

    private static List<string> Differences(DeliveredJob job, GatewayJob row)
    {
        var differences = new List<string>();
        if (UserOf(row) is { } user && !string.Equals(user, job.User, StringComparison.Ordinal))
        {
            differences.Add($"gateway user: delivered '{job.User}', reported '{user}'");
        }

        if (SubmitTime.TryRead(job.SubmitTime, out var sentAt) && SubmitTime.TryRead(row.SubmitTime, out var reportedAt) && sentAt != reportedAt)
        {
            differences.Add($"submitted: delivered {VerifyText.Instant(sentAt)}, reported {VerifyText.Instant(reportedAt)}");
        }

        return differences;
    }

    /// <summary>What a delivered entry's payload says: the job's resource, id, gateway user and submission time.</summary>
    internal sealed record DeliveredJob(string Subject, string Key, string? Resource, string? User, string? SubmitTime, DateOnly? Day)
    {
        public static DeliveredJob Of(OutboxEntry entry)
        {
            using var document = JsonDocument.Parse(entry.Payload);
            var root = document.RootElement;
            var (resource, jobId, submitted) = (Text(root, Fields.XsedeResourceName), Text(root, Fields.JobId), Text(root, Fields.SubmitTime));
            return new DeliveredJob($"{resource}/{jobId}", GatewayReconciliation.Key(resource, jobId), resource, Text(root, Fields.GatewayUser), submitted, DayOf(submitted));
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>Reads the submission times gateways send (<c>yyyy-MM-dd HH:mm[:ss] [zone]</c>, ISO 8601, <c>... UTC</c>); no zone is UTC.</summary>
    private static class SubmitTime
    {
        private static readonly string[] Forms = ["yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mmzzz", "yyyy-MM-dd HH:mm zzz", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"];

        public static bool TryRead(string? text, out DateTimeOffset instant)
        {
            instant = default;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            var trimmed = text.Trim();
            if (trimmed.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[..^4] + " +00:00";
            }

            const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
            return DateTimeOffset.TryParseExact(trimmed, Forms, CultureInfo.InvariantCulture, Styles, out instant)
                || DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, Styles, out instant);
        }
    }
}
