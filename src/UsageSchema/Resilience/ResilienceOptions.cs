using System.Globalization;

namespace UsageSchema.Resilience;

/// <summary>
/// How a client retries and times out. Every call is wrapped, from the outside in, in an overall
/// deadline (<see cref="TotalTimeout"/>), retries with exponential backoff and jitter, and a timeout
/// per attempt (<see cref="AttemptTimeout"/>).
/// </summary>
/// <remarks>
/// Retried: network errors (<see cref="HttpRequestException"/>), attempts that time out, and the
/// answers 408, 429 and 5xx. Never retried: any other 4xx (the request itself is wrong, so sending it
/// again cannot help) and the caller's own cancellation.
/// </remarks>
public sealed class ResilienceOptions
{
    /// <summary>The shortest timeout Polly accepts.</summary>
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest timeout Polly accepts.</summary>
    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromHours(24);

    /// <summary>Retries after the first attempt; 0 disables retrying. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The median wait before the first retry; later waits grow exponentially. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest computed backoff between two attempts. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Randomizes the backoff, so that many clients failing together do not retry together. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Waits as long as a <c>Retry-After</c> header (seconds or an HTTP date) asks, instead of the computed backoff. Default true.</summary>
    public bool RespectRetryAfter { get; set; } = true;

    /// <summary>
    /// The longest <c>Retry-After</c> the client waits for. A service asking for more is not retried:
    /// the call fails with <see cref="Errors.ServiceUnavailableException.RetryAfter"/> set, so the
    /// caller can come back when the service asked. Default 2 minutes.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest one attempt may take, upload and answer included; <see cref="Timeout.InfiniteTimeSpan"/> disables it. Default 100 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The deadline for a call, all attempts and waits included; <see cref="Timeout.InfiniteTimeSpan"/> disables it. Default 10 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Every problem with these settings, as sentences; empty when they are usable.</summary>
    /// <param name="prefix">The name the settings go by in the messages, e.g. <c>AmieClientOptions.Resilience</c>.</param>
    public IReadOnlyList<string> Problems(string prefix)
    {
        var problems = new List<string>();
        if (MaxRetryAttempts < 0)
        {
            problems.Add($"{prefix}.MaxRetryAttempts is {MaxRetryAttempts.ToString(CultureInfo.InvariantCulture)}; it must be 0 (no retries) or more.");
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > MaximumTimeout)
        {
            problems.Add($"{prefix}.BaseDelay is {BaseDelay}; it must be between 00:00:00 and 1 day.");
        }

        if (MaxDelay < BaseDelay)
        {
            problems.Add($"{prefix}.MaxDelay is {MaxDelay}; it must not be shorter than BaseDelay ({BaseDelay}).");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            problems.Add($"{prefix}.MaxRetryAfter is {MaxRetryAfter}; it must not be negative.");
        }

        CheckTimeout(problems, prefix + ".AttemptTimeout", AttemptTimeout);
        CheckTimeout(problems, prefix + ".TotalTimeout", TotalTimeout);
        if (AttemptTimeout != Timeout.InfiniteTimeSpan && TotalTimeout != Timeout.InfiniteTimeSpan && AttemptTimeout > TotalTimeout)
        {
            problems.Add($"{prefix}.AttemptTimeout ({AttemptTimeout}) is longer than TotalTimeout ({TotalTimeout}); one attempt could never use it.");
        }

        return problems;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ResilienceOptions {{ MaxRetryAttempts = {MaxRetryAttempts.ToString(CultureInfo.InvariantCulture)}, BaseDelay = {BaseDelay}, MaxDelay = {MaxDelay}, UseJitter = {UseJitter}, " +
        $"RespectRetryAfter = {RespectRetryAfter}, MaxRetryAfter = {MaxRetryAfter}, AttemptTimeout = {AttemptTimeout}, TotalTimeout = {TotalTimeout} }}";

    /// <summary>A copy, so that a client is not changed by later edits of the options it was built from.</summary>
    internal ResilienceOptions Snapshot() => (ResilienceOptions)MemberwiseClone();

    private static void CheckTimeout(List<string> problems, string name, TimeSpan value)
    {
        if (value != Timeout.InfiniteTimeSpan && (value < MinimumTimeout || value > MaximumTimeout))
        {
            problems.Add($"{name} is {value}; it must be between 10 ms and 24 hours, or Timeout.InfiniteTimeSpan to disable it.");
        }
    }
}
