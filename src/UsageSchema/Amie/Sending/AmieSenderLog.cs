using Microsoft.Extensions.Logging;

namespace UsageSchema.Amie.Sending;

/// <summary>The sender's log messages: counts, bytes, status codes and durations; never a key.</summary>
internal static partial class AmieSenderLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "AMIE: sent {RecordCount} {UsageType} records in {BodyBytes} bytes; status {StatusCode}, {ServiceFailedCount} failed at the service, {Attempts} attempt(s), {DurationMs} ms")]
    public static partial void RequestAccepted(ILogger logger, int recordCount, UsageType usageType, int bodyBytes, int statusCode, int serviceFailedCount, int attempts, long durationMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error,
        Message = "AMIE: request of {RecordCount} {UsageType} records in {BodyBytes} bytes failed with status {StatusCode}: {ErrorKind}")]
    public static partial void RequestFailed(ILogger logger, int recordCount, UsageType usageType, int bodyBytes, int? statusCode, string errorKind);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "AMIE: the service answered 413 to {RecordCount} {UsageType} records in {BodyBytes} bytes; sending them as two requests. A lower MaxRequestBytes avoids this round trip.")]
    public static partial void Splitting(ILogger logger, int recordCount, UsageType usageType, int bodyBytes);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "AMIE: record #{Index} ({UsageType} {LocalRecordId} on {Resource}) kept back: {Reason}, {ViolationCount} violation(s)")]
    public static partial void KeptBack(ILogger logger, long index, UsageType? usageType, string? localRecordId, string? resource, LocalFailureReason reason, int violationCount);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information,
        Message = "AMIE: send finished in {DurationMs} ms: {RecordsRead} records read, {RequestCount} requests, {RecordsAccepted} records accepted, {KeptBackCount} kept back, {ServiceFailedCount} failed at the service")]
    public static partial void Finished(ILogger logger, long durationMs, long recordsRead, int requestCount, long recordsAccepted, int keptBackCount, int serviceFailedCount);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error,
        Message = "AMIE: stopped sending after {RecordsRead} records read: {ErrorKind} with status {StatusCode}; the rest of the input was not sent")]
    public static partial void Stopped(ILogger logger, long recordsRead, string errorKind, int? statusCode);
}
