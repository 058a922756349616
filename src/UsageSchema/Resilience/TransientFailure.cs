using Polly.Timeout;

namespace UsageSchema.Resilience;

/// <summary>Which failures are worth another attempt: those that say nothing about the request itself.</summary>
internal static class TransientFailure
{
    public static bool IsTransient(int statusCode) => statusCode is 408 or 429 or (>= 500 and <= 599);

    public static bool IsTransient(Exception exception) => exception switch
    {
        // Connection refused, reset, DNS, TLS, a body cut off while it was read.
        HttpRequestException or IOException => true,

        // The per-attempt timeout fired (the overall deadline ends the call instead; see the pipeline's order).
        TimeoutRejectedException => true,

        // HttpClient.Timeout fired: a TaskCanceledException caused by a TimeoutException, not by the caller.
        OperationCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };
}
