using UsageSchema.Cli.Verification;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Reporting;

/// <summary>Everything the HTML report shows, computed before rendering so that the renderer only renders.</summary>
/// <param name="GeneratedAt">When the report was made.</param>
/// <param name="From">The window's start.</param>
/// <param name="To">The window's end (exclusive).</param>
/// <param name="Days">Every UTC day the window touches, in order: the x axis of every chart.</param>
/// <param name="OutboxName">The outbox's location, any password masked.</param>
/// <param name="Apis">One section per API asked for.</param>
/// <param name="Outbox">The outbox's state.</param>
internal sealed record ReportModel(DateTimeOffset GeneratedAt, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DateOnly> Days, string OutboxName, IReadOnlyList<ApiReport> Apis, OutboxSummary Outbox);

/// <summary>How the verification of one API went.</summary>
internal enum ApiStatus
{
    /// <summary>Verified: the charts and findings are the service's.</summary>
    Verified,

    /// <summary>This version cannot verify the API (its verifier is not implemented, or the service offers no read-back).</summary>
    NotVerified,

    /// <summary>The service could not be read (unreachable, refused the key, an unreadable answer).</summary>
    ServiceError,
}

/// <summary>One API's section.</summary>
/// <param name="Service">The API.</param>
/// <param name="Status">Whether it was verified.</param>
/// <param name="Problem">Why it was not verified, for <see cref="ApiStatus.NotVerified"/> and <see cref="ApiStatus.ServiceError"/>.</param>
/// <param name="Resources">Per resource (or PERSEUS project), every day of the window.</param>
/// <param name="Findings">The open findings, grouped by kind.</param>
/// <param name="Notes">What the check could not see.</param>
internal sealed record ApiReport(UsageApi Service, ApiStatus Status, string? Problem, IReadOnlyList<ResourceDays> Resources, IReadOnlyList<FindingGroup> Findings, IReadOnlyList<string> Notes)
{
    /// <summary>The API's name on the command line and in the outbox: <c>amie</c>, <c>gateway</c>, <c>perseus</c>.</summary>
    public string Name => UsageApiNames.Of(Service);
}

/// <summary>One resource's figures on every day of the window (zero where nothing happened).</summary>
/// <param name="Resource">The resource (or PERSEUS project).</param>
/// <param name="Days">One entry per day of <see cref="ReportModel.Days"/>, in order.</param>
internal sealed record ResourceDays(string Resource, IReadOnlyList<DailyUsage> Days);

/// <summary>The findings of one kind.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Findings">The findings, in the verifier's order.</param>
internal sealed record FindingGroup(FindingKind Kind, IReadOnlyList<VerifyFinding> Findings);

/// <summary>The outbox's state at the time of the report.</summary>
/// <param name="Counts">Entries per API and state (non-zero only).</param>
/// <param name="Backlog">Per API, what waits.</param>
internal sealed record OutboxSummary(IReadOnlyList<OutboxCount> Counts, IReadOnlyList<OutboxBacklog> Backlog);
