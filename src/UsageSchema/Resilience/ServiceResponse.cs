using System.Net.Http.Headers;
using System.Text;

namespace UsageSchema.Resilience;

/// <summary>
/// One answer, read completely inside its attempt: a body cut off mid-transfer then fails that
/// attempt (and is retried) instead of failing later, outside the retry loop.
/// </summary>
internal sealed class ServiceResponse(int statusCode, string? reasonPhrase, byte[] body, string? mediaType, RetryConditionHeaderValue? retryAfter)
{
    public int StatusCode { get; } = statusCode;

    public string? ReasonPhrase { get; } = reasonPhrase;

    public byte[] Body { get; } = body;

    public string? MediaType { get; } = mediaType;

    public RetryConditionHeaderValue? RetryAfter { get; } = retryAfter;

    public bool IsSuccess => StatusCode is >= 200 and <= 299;

    /// <summary>How many attempts the call took; set once the pipeline is done.</summary>
    public int Attempts { get; set; } = 1;

    /// <summary>How long the call took, all attempts and waits included.</summary>
    public TimeSpan Elapsed { get; set; }

    // The services send UTF-8 (JSON) or ASCII text; invalid bytes become U+FFFD rather than an exception.
    public string BodyText() => Encoding.UTF8.GetString(Body);
}
