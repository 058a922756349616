using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using UsageSchema.Errors;

namespace UsageSchema.Resilience;

/// <summary>Builds the Polly pipeline every call of a client runs through, from <see cref="ResilienceOptions"/>.</summary>
internal static class UsagePipeline
{
    /// <summary>The request being retried, for the retry log line.</summary>
    public static readonly ResiliencePropertyKey<ServiceRequestDescription> RequestKey = new("UsageSchema.Request");

    public static ResiliencePipeline<ServiceResponse> Create(ResilienceOptions options, string service, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<ServiceResponse> { Name = service, TimeProvider = timeProvider };

        // Outermost: the deadline covers every attempt and every wait between them.
        if (options.TotalTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.TotalTimeout, Name = "total" });
        }

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ServiceResponse>
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options, timeProvider)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome, options, timeProvider)),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, new ServiceRequestDescription("?", "?"));
                    var outcome = args.Outcome.Exception is { } exception ? exception.GetType().Name : "status " + args.Outcome.Result?.StatusCode;
                    ResilienceLog.Retrying(logger, service, request.Method, request.Path, outcome, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        // Innermost: each attempt on its own clock, so one hung connection does not use up the deadline.
        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout, Name = "attempt" });
        }

        return builder.Build();
    }

    private static bool ShouldRetry(Outcome<ServiceResponse> outcome, ResilienceOptions options, TimeProvider timeProvider)
    {
        if (outcome.Exception is { } exception)
        {
            return TransientFailure.IsTransient(exception);
        }

        if (outcome.Result is not { } response || !TransientFailure.IsTransient(response.StatusCode))
        {
            return false;
        }

        // A service that asks for a longer pause than we will wait gets none of our retries: the
        // caller learns the wait from ServiceUnavailableException.RetryAfter instead.
        return !options.RespectRetryAfter
            || RetryAfterDelay.From(response.RetryAfter, timeProvider.GetUtcNow()) is not { } wait
            || wait <= options.MaxRetryAfter;
    }

    private static TimeSpan? RetryAfter(Outcome<ServiceResponse> outcome, ResilienceOptions options, TimeProvider timeProvider) =>
        options.RespectRetryAfter && outcome.Result is { } response
            ? RetryAfterDelay.From(response.RetryAfter, timeProvider.GetUtcNow())
            : null;
}
