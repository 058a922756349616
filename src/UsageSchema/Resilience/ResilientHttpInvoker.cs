using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;
using UsageSchema.DependencyInjection;
using UsageSchema.Errors;

namespace UsageSchema.Resilience;

/// <summary>
/// Sends one logical request through the resilience pipeline: a fresh <see cref="HttpRequestMessage"/>
/// per attempt (a sent message cannot be sent again), the answer read in full, the call timed, logged
/// and traced. Transport failures that outlast the retries become <see cref="ServiceUnavailableException"/>;
/// every answer, whatever its status, is returned for the caller to judge.
/// </summary>
internal sealed class ResilientHttpInvoker
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<ServiceResponse> _pipeline;
    private readonly ResilienceOptions _options;
    private readonly ILogger _logger;

    public ResilientHttpInvoker(HttpClient http, ResilienceOptions options, string service, ILogger logger, TimeProvider timeProvider)
    {
        _http = http;
        _options = options.Snapshot();
        _logger = logger;
        Service = service;
        TimeProvider = timeProvider;
        _pipeline = UsagePipeline.Create(_options, service, timeProvider, logger);
    }

    /// <summary>The service's name in logs and messages, e.g. <c>AMIE Usage API</c>.</summary>
    public string Service { get; }

    public TimeProvider TimeProvider { get; }

    public async Task<ServiceResponse> SendAsync(Func<HttpRequestMessage> createRequest, ServiceRequestDescription request, CancellationToken cancellationToken)
    {
        using var activity = UsageSchemaTelemetry.Source.StartActivity("UsageSchema.Request", ActivityKind.Internal);
        activity?.SetTag("usage.service", Service);
        activity?.SetTag("http.request.method", request.Method);
        activity?.SetTag("url.path", request.Path);
        activity?.SetTag("usage.records", request.RecordCount);
        activity?.SetTag("usage.request_bytes", request.BodyBytes);

        var attempt = new Attempt(this, createRequest);
        var started = TimeProvider.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(UsagePipeline.RequestKey, request);
        try
        {
            var response = await _pipeline.ExecuteAsync(static (ctx, state) => state.RunAsync(ctx.CancellationToken), context, attempt).ConfigureAwait(false);
            response.Attempts = attempt.Count;
            response.Elapsed = TimeProvider.GetElapsedTime(started);
            activity?.SetTag("http.response.status_code", response.StatusCode);
            activity?.SetTag("usage.attempts", response.Attempts);
            ResilienceLog.Answered(_logger, Service, request.Method, request.Path, response.StatusCode, (long)response.Elapsed.TotalMilliseconds, response.Attempts, request.BodyBytes ?? 0, response.Body.Length);
            return response;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && TransientFailure.IsTransient(exception))
        {
            var elapsed = TimeProvider.GetElapsedTime(started);
            var reason = Describe(exception);
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            ResilienceLog.Unreachable(_logger, Service, request.Method, request.Path, attempt.Count, (long)elapsed.TotalMilliseconds, reason);
            throw new ServiceUnavailableException(
                $"{Service}: {request} got no answer after {Plural(attempt.Count, "attempt")}: {reason}.",
                request, statusCode: null, serviceMessage: null, attempt.Count, retryAfter: null, exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private string Describe(Exception exception) => exception switch
    {
        TimeoutRejectedException timeout when timeout.Timeout == _options.TotalTimeout => $"the overall deadline of {timeout.Timeout} passed",
        TimeoutRejectedException timeout => $"each attempt timed out after {timeout.Timeout}",
        OperationCanceledException => "HttpClient.Timeout elapsed",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");

    /// <summary>One logical request's attempts; counts them for the result and the log.</summary>
    private sealed class Attempt(ResilientHttpInvoker invoker, Func<HttpRequestMessage> createRequest)
    {
        public int Count { get; private set; }

        public async ValueTask<ServiceResponse> RunAsync(CancellationToken cancellationToken)
        {
            Count++;
            using var request = createRequest();
            using var response = await invoker._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new ServiceResponse((int)response.StatusCode, response.ReasonPhrase, body, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter);
        }
    }
}
