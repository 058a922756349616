using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;
using UsageSchema.DependencyInjection;
using UsageSchema.Errors;
using UsageSchema.Telemetry;

namespace UsageSchema.Resilience;

/// <summary>
/// Sends one logical request through the resilience pipeline: a fresh <see cref="HttpRequestMessage"/>
/// per attempt (a sent message cannot be sent again), the answer read up to the client's limit, the
/// call timed, logged and traced. Transport failures that outlast the retries become
/// <see cref="ServiceUnavailableException"/>; a redirect (3xx, or a client that followed one) and a
/// body over the limit are <see cref="UnexpectedResponseException"/> at once, never retried; every
/// other answer, whatever its status, is returned for the caller to judge.
/// </summary>
/// <remarks>
/// Redirects are refused rather than followed: .NET strips only <c>Authorization</c> when it follows
/// one, so the keys (<c>XA-API-KEY</c>, <c>Perseus-Token</c>...) and, on 307/308, the records would go
/// to whatever address the <c>Location</c> names, plain http included. A service that moved is given
/// its new URL in the options.
/// </remarks>
internal sealed class ResilientHttpInvoker
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<ServiceResponse> _pipeline;
    private readonly ResilienceOptions _options;
    private readonly ILogger _logger;
    private readonly int _maxResponseBytes;
    private readonly Func<string, string> _scrub;

    public ResilientHttpInvoker(HttpClient http, ResilienceOptions options, string service, string api, ILogger logger, TimeProvider timeProvider, int maxResponseBytes, Func<string, string> scrub)
    {
        Api = api;
        _http = http;
        _maxResponseBytes = maxResponseBytes;
        _scrub = scrub;
        _options = options.Snapshot();
        _logger = logger;
        Service = service;
        TimeProvider = timeProvider;
        _pipeline = UsagePipeline.Create(_options, service, timeProvider, logger);
    }

    /// <summary>The service's name in logs and messages, e.g. <c>AMIE Usage API</c>.</summary>
    public string Service { get; }

    /// <summary>The API's short name in metric tags: <c>amie</c>, <c>perseus</c> or <c>gateway</c>.</summary>
    public string Api { get; }

    public TimeProvider TimeProvider { get; }

    public async Task<ServiceResponse> SendAsync(Func<HttpRequestMessage> createRequest, ServiceRequestDescription request, CancellationToken cancellationToken)
    {
        using var activity = UsageSchemaTelemetry.Source.StartActivity("UsageSchema.Request", ActivityKind.Internal);
        activity?.SetTag("usage.service", Service);
        activity?.SetTag("http.request.method", request.Method);
        activity?.SetTag("url.path", request.Path);
        activity?.SetTag("usage.records", request.RecordCount);
        activity?.SetTag("usage.request_bytes", request.BodyBytes);

        var attempt = new Attempt(this, createRequest, request);
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
            UsageMetrics.Answered(Api, request.RecordCount, response.StatusCode, response.Elapsed);
            ResilienceLog.Answered(_logger, Service, request.Method, request.Path, response.StatusCode, (long)response.Elapsed.TotalMilliseconds, response.Attempts, request.BodyBytes ?? 0, response.Body.Length);
            return response;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && TransientFailure.IsTransient(exception))
        {
            var elapsed = TimeProvider.GetElapsedTime(started);
            var reason = Describe(exception);
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            UsageMetrics.Unanswered(Api, elapsed);
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

    private UnexpectedResponseException Redirected(ServiceRequestDescription request, HttpResponseMessage response)
    {
        var status = ServiceFailures.Status((int)response.StatusCode, response.ReasonPhrase, _scrub);
        var location = response.Headers.Location is { } target
            ? $"Location '{ServiceFailures.Shown(target.OriginalString, _scrub, 500)}'"
            : "no Location";
        return new UnexpectedResponseException(
            $"{Service}: {request} answered {status} with {location}. Redirects are not followed, so that no key or record goes to another address; " +
            "if the service has moved, configure its new URL. Not counted as delivered.",
            request, (int)response.StatusCode, serviceMessage: null);
    }

    private UnexpectedResponseException FollowedRedirect(ServiceRequestDescription request, int statusCode, Uri requested, Uri final) => new(
        $"{Service}: {request} was redirected from {ServiceFailures.Shown(requested.GetLeftPart(UriPartial.Path), _scrub, 500)} to {ServiceFailures.Shown(final.GetLeftPart(UriPartial.Path), _scrub, 500)} " +
        "by an HttpClient that follows redirects; its answer is not counted as the service's. Give the client a handler with AllowAutoRedirect = false.",
        request, statusCode, serviceMessage: null);

    private ResponseTooLargeException TooLarge(ServiceRequestDescription request, HttpResponseMessage response)
    {
        var status = ServiceFailures.Status((int)response.StatusCode, response.ReasonPhrase, _scrub);
        var type = response.Content.Headers.ContentType?.MediaType is { } mediaType ? "content type " + ServiceFailures.Shown(mediaType, _scrub, 100) : "no content type";
        return new ResponseTooLargeException(
            $"{Service}: {request} answered {status} ({type}) with a body of more than {_maxResponseBytes.ToString(CultureInfo.InvariantCulture)} bytes, the client's MaxResponseBytes; " +
            "reading stopped there and the request is not retried. Not counted as delivered.",
            request, (int)response.StatusCode, _maxResponseBytes);
    }

    /// <summary>One logical request's attempts; counts them for the result and the log.</summary>
    private sealed class Attempt(ResilientHttpInvoker invoker, Func<HttpRequestMessage> createRequest, ServiceRequestDescription description)
    {
        public int Count { get; private set; }

        public async ValueTask<ServiceResponse> RunAsync(CancellationToken cancellationToken)
        {
            Count++;
            using var request = createRequest();
            var requested = request.RequestUri;

            // Headers first: the body is then read by BoundedBody, never whole into memory.
            using var response = await invoker._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var statusCode = (int)response.StatusCode;
            if (statusCode is >= 300 and <= 399)
            {
                throw invoker.Redirected(description, response);
            }

            if (requested is not null && response.RequestMessage?.RequestUri is { } final && final != requested)
            {
                throw invoker.FollowedRedirect(description, statusCode, requested, final);
            }

            var body = await BoundedBody.ReadAsync(response.Content, invoker._maxResponseBytes, cancellationToken).ConfigureAwait(false)
                ?? throw invoker.TooLarge(description, response);
            return new ServiceResponse(statusCode, response.ReasonPhrase, body, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter);
        }
    }
}
