using Microsoft.Extensions.Logging;

namespace UsageSchema.GatewayAttributes.Client;

/// <summary>The gateway client's log messages; never a key.</summary>
internal static partial class GatewayClientLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Gateway Attributes: job {JobId} on {ResourceName} submitted ({FieldCount} fields, dry run {DryRun}); reply {ReplyKind}, status {StatusCode}, {DurationMs} ms")]
    public static partial void Submitted(ILogger logger, string jobId, string resourceName, int fieldCount, bool dryRun, JobAttributesReplyKind replyKind, int statusCode, long durationMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "Gateway Attributes: read {JobCount} jobs from {Path}, status {StatusCode}, {DurationMs} ms")]
    public static partial void JobsRead(ILogger logger, int jobCount, string path, int statusCode, long durationMs);
}
