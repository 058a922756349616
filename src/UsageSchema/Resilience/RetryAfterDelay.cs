using System.Net.Http.Headers;

namespace UsageSchema.Resilience;

/// <summary>Reads a <c>Retry-After</c> header in either of its forms: seconds, or an HTTP date.</summary>
internal static class RetryAfterDelay
{
    /// <summary>The wait the header asks for, never negative; null without a header.</summary>
    public static TimeSpan? From(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            // A date in the past (clock skew) means "now".
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
