using UsageSchema.Cli.Verification;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Reporting;

/// <summary>Builds the <see cref="ReportModel"/> from the verifiers' results and the outbox's counts.</summary>
internal static class ReportModelBuilder
{
    /// <summary>What one API's verification gave: a result, or why there is none.</summary>
    /// <param name="Service">The API.</param>
    /// <param name="Result">The result, when it was verified.</param>
    /// <param name="Status">The status.</param>
    /// <param name="Problem">Why it was not verified.</param>
    public sealed record Outcome(UsageApi Service, VerifyResult? Result, ApiStatus Status, string? Problem)
    {
        public static Outcome Verified(VerifyResult result) => new(result.Service, result, ApiStatus.Verified, null);

        public static Outcome NotVerified(UsageApi service, string reason) => new(service, null, ApiStatus.NotVerified, reason);

        public static Outcome Failed(UsageApi service, string error) => new(service, null, ApiStatus.ServiceError, error);
    }

    public static ReportModel Build(DateTimeOffset generatedAt, VerifyWindow window, string outboxName, IEnumerable<Outcome> outcomes, IReadOnlyList<OutboxCount> counts, IReadOnlyList<OutboxBacklog> backlog)
    {
        var days = DaysOf(window);
        var apis = outcomes.Select(outcome => outcome.Result is { } result
                ? new ApiReport(outcome.Service, outcome.Status, outcome.Problem, Resources(result.Days, days), Groups(result.Findings), result.Notes)
                : new ApiReport(outcome.Service, outcome.Status, outcome.Problem, [], [], []))
            .ToList();
        return new ReportModel(generatedAt, window.From, window.To, days, outboxName, apis, new OutboxSummary(counts, backlog));
    }

    /// <summary>Every UTC day the window [From, To) touches.</summary>
    public static IReadOnlyList<DateOnly> DaysOf(VerifyWindow window)
    {
        var first = DateOnly.FromDateTime(window.From.UtcDateTime);
        var last = DateOnly.FromDateTime(window.To.UtcDateTime.AddTicks(-1));
        var days = new List<DateOnly>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add(day);
        }

        return days;
    }

    private static List<ResourceDays> Resources(IReadOnlyList<DailyUsage> usage, IReadOnlyList<DateOnly> days) =>
        [.. usage.GroupBy(day => day.Resource, StringComparer.Ordinal)
            .OrderBy(resource => resource.Key, StringComparer.Ordinal)
            .Select(resource =>
            {
                var byDay = resource.ToDictionary(day => day.Day);
                return new ResourceDays(resource.Key, [.. days.Select(day => byDay.TryGetValue(day, out var found) ? found : new DailyUsage(resource.Key, day))]);
            })];

    private static List<FindingGroup> Groups(IReadOnlyList<VerifyFinding> findings) =>
        [.. findings.GroupBy(finding => finding.Kind).OrderBy(group => group.Key).Select(group => new FindingGroup(group.Key, [.. group]))];
}
