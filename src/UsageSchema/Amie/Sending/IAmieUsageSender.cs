namespace UsageSchema.Amie.Sending;

/// <summary>The AMIE Usage API, for callers: see <see cref="AmieUsageSender"/>.</summary>
public interface IAmieUsageSender
{
    /// <summary>Validates and sends one record (compute, storage or adjustment).</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<AmieSendResult> SendAsync(IAmieUsageRecord record, CancellationToken cancellationToken = default);

    /// <summary>Validates and sends the records of a message, packed into as many requests as the cap needs.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<AmieSendResult> SendAsync(UsageMessage message, CancellationToken cancellationToken = default);

    /// <summary>Validates and sends records of any of the three types, packed by type.</summary>
    /// <param name="records">Compute, storage and adjustment records, in any mix; a <c>List&lt;ComputeUsageRecord&gt;</c> fits as it is. A null item is kept back.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<AmieSendResult> SendAsync(IEnumerable<IAmieUsageRecord?> records, CancellationToken cancellationToken = default);

    /// <summary>Validates and sends a stream of records, holding at most one request per type in memory.</summary>
    /// <param name="records">Compute, storage and adjustment records, in any mix.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<AmieSendResult> SendAsync(IAsyncEnumerable<IAmieUsageRecord?> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates and sends a stream of records as <see cref="SendAsync(IAsyncEnumerable{IAmieUsageRecord}, CancellationToken)"/>
    /// does, telling <paramref name="observer"/> each request's outcome and each record kept back as it happens.
    /// </summary>
    /// <param name="records">Compute, storage and adjustment records, in any mix.</param>
    /// <param name="observer">Told each outcome, in request order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<AmieSendResult> SendAsync(IAsyncEnumerable<IAmieUsageRecord?> records, IAmieSendObserver observer, CancellationToken cancellationToken = default);

    /// <summary>The loading status per resource (<c>GET /usage/status</c>).</summary>
    /// <param name="fromTime">Start of the range as sent (ISO 8601, or a date); null to leave it open.</param>
    /// <param name="toTime">End of the range as sent; null to leave it open.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<UsageStatusResource>> GetStatusAsync(string? fromTime = null, string? toTime = null, CancellationToken cancellationToken = default);

    /// <summary>The loading status per resource between two instants (<c>GET /usage/status</c>).</summary>
    /// <param name="fromTime">Start of the range.</param>
    /// <param name="toTime">End of the range.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<UsageStatusResource>> GetStatusAsync(DateTimeOffset fromTime, DateTimeOffset toTime, CancellationToken cancellationToken = default);

    /// <summary>Every failed record not yet cleared (<c>GET /usage/failed</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<FailedUsageRecord>> GetFailedRecordsAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears failed records by <c>FailedRecordID</c> (<c>DELETE /usage/failed/{ids}</c>).</summary>
    /// <param name="failedRecordIds">The IDs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ClearFailedRecordsResult> ClearFailedRecordsAsync(IEnumerable<string> failedRecordIds, CancellationToken cancellationToken = default);

    /// <summary>Clears failed records as returned by <see cref="GetFailedRecordsAsync"/>.</summary>
    /// <param name="failedRecords">The records; those without a <c>FailedRecordID</c> are skipped and listed in the result.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ClearFailedRecordsResult> ClearFailedRecordsAsync(IEnumerable<FailedUsageRecord> failedRecords, CancellationToken cancellationToken = default);

    /// <summary>
    /// The records the service has loaded (<c>GET /usage/loaded</c>), read page by page as they are
    /// enumerated, for reconciling what was sent. Stops after the first page shorter than
    /// <paramref name="pageSize"/>.
    /// </summary>
    /// <param name="minLoadedTime">Only rows loaded at or after this instant; null for all.</param>
    /// <param name="localRecordId">Only the rows of this <c>LocalRecordID</c>; null for all.</param>
    /// <param name="pageSize">Rows asked for per page: 1 to 25,000 (the service's most), default 25,000.</param>
    /// <param name="maxPages">The most pages read; one more full page than this is an error rather than an endless walk (a service that ignores the paging parameters answers full pages forever). Default 1,000.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <exception cref="Errors.UnexpectedResponseException">More than <paramref name="maxPages"/> full pages, or a page whose body is the one before it again (the service ignores <c>offset</c>).</exception>
    IAsyncEnumerable<LoadedUsageRecord> GetLoadedRecordsAsync(
        DateTimeOffset? minLoadedTime = null,
        string? localRecordId = null,
        int pageSize = AmieUsageSender.MaxLoadedPageSize,
        int maxPages = AmieUsageSender.DefaultMaxLoadedPages,
        CancellationToken cancellationToken = default);
}
