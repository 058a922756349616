using System.Globalization;
using UsageSchema.Errors;

namespace UsageSchema.Perseus.Client;

/// <summary>Everything that happened to one batch of reports.</summary>
public sealed class PerseusBatchResult
{
    internal PerseusBatchResult(IReadOnlyList<PerseusReportOutcome> reports, IReadOnlyList<LocalReportFailure> localFailures, int collapsedCount, UsageServiceException? stoppedBy)
    {
        Reports = reports;
        LocalFailures = localFailures;
        CollapsedCount = collapsedCount;
        StoppedBy = stoppedBy;
    }

    /// <summary>One outcome per report sent (one request each), in the order sent.</summary>
    public IReadOnlyList<PerseusReportOutcome> Reports { get; }

    /// <summary>Reports not sent because they are null or invalid.</summary>
    public IReadOnlyList<LocalReportFailure> LocalFailures { get; }

    /// <summary>How many reports were dropped because a later report in the batch had the same upsert key.</summary>
    public int CollapsedCount { get; }

    /// <summary>The failure that stopped the batch early (refused token, service down after retries); null when every report was tried.</summary>
    public UsageServiceException? StoppedBy { get; }

    /// <summary>True when every report that was kept was tried.</summary>
    public bool Completed => StoppedBy is null;

    /// <summary>True when every kept report was sent and accepted.</summary>
    public bool Succeeded => Completed && LocalFailures.Count == 0 && Reports.All(report => report.Succeeded);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Reports.Count(report => report.Succeeded).ToString(CultureInfo.InvariantCulture)} of {Reports.Count.ToString(CultureInfo.InvariantCulture)} reports accepted, " +
        $"{CollapsedCount.ToString(CultureInfo.InvariantCulture)} collapsed, {LocalFailures.Count.ToString(CultureInfo.InvariantCulture)} kept back" +
        (StoppedBy is null ? string.Empty : "; stopped: " + StoppedBy.Message);
}
