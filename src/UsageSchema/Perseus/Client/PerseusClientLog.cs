using Microsoft.Extensions.Logging;

namespace UsageSchema.Perseus.Client;

/// <summary>The PERSEUS client's log messages; never the token.</summary>
internal static partial class PerseusClientLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug,
        Message = "PERSEUS: report for project {ProjectOid} sent in {BodyBytes} bytes; status {StatusCode}, {Attempts} attempt(s), {DurationMs} ms")]
    public static partial void Reported(ILogger logger, string projectOid, int bodyBytes, int statusCode, int attempts, long durationMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error,
        Message = "PERSEUS: report #{Index} failed with status {StatusCode}: {ErrorKind}")]
    public static partial void ReportFailed(ILogger logger, int index, int? statusCode, string errorKind);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "PERSEUS: report #{Index} kept back: {ViolationCount} violation(s)")]
    public static partial void KeptBack(ILogger logger, int index, int violationCount);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information,
        Message = "PERSEUS: batch of {InputCount} reports finished in {DurationMs} ms: {CollapsedCount} collapsed, {SentCount} sent, {AcceptedCount} accepted, {KeptBackCount} kept back")]
    public static partial void BatchFinished(ILogger logger, int inputCount, long durationMs, int collapsedCount, int sentCount, int acceptedCount, int keptBackCount);
}
