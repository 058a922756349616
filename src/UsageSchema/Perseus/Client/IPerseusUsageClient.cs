using UsageSchema.Validation;

namespace UsageSchema.Perseus.Client;

/// <summary>PERSEUS UsageReporting, for callers: see <see cref="PerseusUsageClient"/>.</summary>
public interface IPerseusUsageClient
{
    /// <summary>Validates and sends one report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="UsageValidationException">The report breaks the spec; nothing was sent.</exception>
    /// <exception cref="Errors.UsageServiceException">The service refused the report or could not be reached.</exception>
    Task<PerseusReportOutcome> ReportAsync(UsageReport report, CancellationToken cancellationToken = default);

    /// <summary>
    /// Collapses the batch by upsert key (the last report with a key wins), then validates and sends
    /// each remaining report, one request each.
    /// </summary>
    /// <param name="reports">The batch.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<PerseusBatchResult> ReportAsync(IEnumerable<UsageReport?> reports, CancellationToken cancellationToken = default);
}
