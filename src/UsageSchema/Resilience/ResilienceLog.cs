using Microsoft.Extensions.Logging;

namespace UsageSchema.Resilience;

/// <summary>The log messages of the call path shared by all clients. They carry no header, so no key.</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "{Service}: {Method} {Path} failed with {Outcome} on attempt {Attempt}; retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string service, string method, string path, string outcome, int attempt, long delayMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug,
        Message = "{Service}: {Method} {Path} answered {StatusCode} in {DurationMs} ms after {Attempts} attempt(s); sent {RequestBytes} bytes, received {ResponseBytes} bytes")]
    public static partial void Answered(ILogger logger, string service, string method, string path, int statusCode, long durationMs, int attempts, long requestBytes, long responseBytes);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "{Service}: {Method} {Path} got no answer after {Attempts} attempt(s) in {DurationMs} ms: {Reason}")]
    public static partial void Unreachable(ILogger logger, string service, string method, string path, int attempts, long durationMs, string reason);
}
