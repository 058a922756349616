using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using UsageSchema.DependencyInjection;
using UsageSchema.Errors;
using UsageSchema.Resilience;
using UsageSchema.Secrets;
using UsageSchema.Validation;
using UsageSchema.Wire;

namespace UsageSchema.Perseus.Client;

/// <summary>
/// Reports usage to PERSEUS UsageReporting: the spec's <see cref="PerseusOperations.ReportUsage"/>,
/// under the configured base address, with one <see cref="UsageReport"/> per request (batching is not
/// documented) and the token in the spec's header. A batch is first collapsed by upsert key, so the
/// service never sees two versions of one report in a batch.
/// </summary>
public sealed partial class PerseusUsageClient : IPerseusUsageClient
{
    private static readonly string Service = UsageApiNames.DisplayName(UsageApi.Perseus);
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly ResilientHttpInvoker _invoker;
    private readonly ILogger _logger;
    private readonly Uri _baseAddress;
    private readonly Secret _token;

    /// <summary>Creates a client over <paramref name="httpClient"/>; the options are checked and copied.</summary>
    /// <param name="httpClient">The client to send with.</param>
    /// <param name="options">The settings.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <param name="timeProvider">The clock for timeouts and waits; the system clock when null.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are unusable; the message says what to set.</exception>
    public PerseusUsageClient(HttpClient httpClient, PerseusClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        OptionsChecks.ThrowIfInvalid(new PerseusClientOptionsValidator(), options);
        _logger = logger ?? NullLogger.Instance;

        // With a trailing slash, so that the relative path resolves under a proxy prefix ("https://host/api/").
        _baseAddress = options.BaseAddress!.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        _token = options.Token!;
        _invoker = new ResilientHttpInvoker(httpClient, options.Resilience, Service, UsageApiNames.Perseus, _logger, timeProvider ?? TimeProvider.System, options.MaxResponseBytes, _token.Scrub);
    }

    /// <inheritdoc />
    public async Task<PerseusReportOutcome> ReportAsync(UsageReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        // The source generator gives UsageReport IsValid()/Validate() from the spec: nothing that breaks it is sent.
        if (!report.IsValid())
        {
            throw new UsageValidationException(nameof(UsageReport), report.Validate());
        }

        var outcome = await SendAsync(report, 0, cancellationToken).ConfigureAwait(false);
        return outcome.Error is { } error ? throw error : outcome;
    }

    /// <inheritdoc />
    public async Task<PerseusBatchResult> ReportAsync(IEnumerable<UsageReport?> reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        using var activity = UsageSchemaTelemetry.Source.StartActivity("UsageSchema.Perseus.Report", ActivityKind.Internal);
        var started = _invoker.TimeProvider.GetTimestamp();
        var input = reports.ToList();
        var kept = UsageReportBatch.KeptIndexes(input);
        var collapsed = input.Count - kept.Count;
        var outcomes = new List<PerseusReportOutcome>(kept.Count);
        var failures = new List<LocalReportFailure>();
        UsageServiceException? stoppedBy = null;
        for (var i = 0; i < kept.Count && stoppedBy is null; i++)
        {
            var index = kept[i];
            if (input[index] is not { } report)
            {
                failures.Add(new LocalReportFailure(index, null, $"Report #{index.ToString(CultureInfo.InvariantCulture)} is null.", []));
                PerseusClientLog.KeptBack(_logger, index, 0);
                continue;
            }

            if (!report.IsValid())
            {
                var validation = report.Validate();
                failures.Add(new LocalReportFailure(index, report,
                    $"Report #{index.ToString(CultureInfo.InvariantCulture)} for project '{report.ProjectOid}' is invalid: {string.Join("; ", validation.Violations)}", validation.Violations));
                PerseusClientLog.KeptBack(_logger, index, validation.Violations.Count);
                continue;
            }

            var outcome = await SendAsync(report, index, cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);

            // A refused token, a service that stays down, a redirect and an endless answer fail every
            // later report the same way.
            if (outcome.Error is ServiceAuthenticationException or ServiceUnavailableException or ResponseTooLargeException
                or UnexpectedResponseException { StatusCode: >= 300 and <= 399 })
            {
                stoppedBy = outcome.Error;
            }
        }

        var result = new PerseusBatchResult(outcomes, failures, collapsed, stoppedBy);
        var accepted = outcomes.Count(outcome => outcome.Succeeded);
        var durationMs = (long)_invoker.TimeProvider.GetElapsedTime(started).TotalMilliseconds;
        PerseusClientLog.BatchFinished(_logger, input.Count, durationMs, collapsed, outcomes.Count, accepted, failures.Count);
        activity?.SetTag("usage.reports", input.Count);
        activity?.SetTag("usage.collapsed", collapsed);
        activity?.SetTag("usage.accepted", accepted);
        return result;
    }

    private async Task<PerseusReportOutcome> SendAsync(UsageReport report, int index, CancellationToken cancellationToken)
    {
        var outcome = new PerseusReportOutcome(report, index);
        var operation = PerseusOperations.ReportUsage;

        // A valid report's project_oid is 24 hex digits (the spec's pattern); the check also covers an unvalidated one.
        var projectOid = PathSegment.Escape(report.ProjectOid, "The report's project_oid", nameof(report));
        var uri = new Uri(_baseAddress, operation.RelativePath(projectOid));
        var body = PerseusWireTime.Body(report);
        var description = ServiceRequestDescription.For(operation.Method, uri, recordCount: 1, bodyBytes: body.Length);
        try
        {
            var response = await _invoker.SendAsync(() => CreateRequest(operation, uri, body), description, cancellationToken).ConfigureAwait(false);
            outcome.StatusCode = response.StatusCode;
            outcome.Attempts = response.Attempts;
            outcome.Duration = response.Elapsed;

            outcome.Error = response.IsSuccess
                ? RefusalIn(response, description)
                : ServiceFailures.FromStatus(Service, response, description, _token.Scrub, _invoker.TimeProvider);
        }
        catch (ServiceUnavailableException unavailable)
        {
            outcome.Attempts = unavailable.Attempts;
            outcome.Error = unavailable;
        }
        catch (UnexpectedResponseException unexpected)
        {
            // A redirect or an answer over the limit, from the invoker.
            outcome.StatusCode = unexpected.StatusCode;
            outcome.Error = unexpected;
        }

        if (outcome.Error is { } error)
        {
            PerseusClientLog.ReportFailed(_logger, index, error.StatusCode, error.GetType().Name);
        }
        else
        {
            PerseusClientLog.Reported(_logger, report.ProjectOid ?? string.Empty, body.Length, outcome.StatusCode ?? 0, outcome.Attempts, (long)outcome.Duration.TotalMilliseconds);
        }

        return outcome;
    }

    /// <summary>
    /// Null when a success status carries a success: 204 with no body, or any JSON but an object whose
    /// <c>result</c> is false (PERSEUS services answer <c>{"result": bool}</c>, and the portal counts
    /// false as a failure). A body that is not JSON (a proxy's login page, an empty 200) is unexpected.
    /// </summary>
    private UsageServiceException? RefusalIn(ServiceResponse response, ServiceRequestDescription description)
    {
        if (response.StatusCode == 204)
        {
            return null;
        }

        const string Expected = "the body is not the JSON answer PERSEUS gives";
        if (response.Body.Length == 0)
        {
            return ServiceFailures.Unreadable(Service, response, description, Expected + " (it is empty)", _token.Scrub);
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.False
                ? ServiceFailures.RefusedInBody(Service, response, description, "\"result\": false", _token.Scrub)
                : null;
        }
        catch (JsonException exception)
        {
            return ServiceFailures.Unreadable(Service, response, description, Expected, _token.Scrub, exception);
        }
    }

    private HttpRequestMessage CreateRequest(SpecOperation operation, Uri uri, byte[] body)
    {
        var request = new HttpRequestMessage(operation.Method, uri) { Content = new ByteArrayContent(body) { Headers = { ContentType = Json } } };
        request.Headers.Accept.Add(AcceptJson);
        SecurityHeaders.Add(request, operation, header => header == PerseusOperations.SecuritySchemes.PerseusToken ? _token.Reveal() : null);
        return request;
    }
}
