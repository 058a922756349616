using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using UsageSchema.DependencyInjection;
using UsageSchema.Errors;
using UsageSchema.Resilience;
using UsageSchema.Secrets;
using UsageSchema.Serialization;
using UsageSchema.Validation;
using UsageSchema.Wire;

namespace UsageSchema.GatewayAttributes.Client;

/// <summary>
/// Reports which gateway user each job ran for, to the ACCESS Gateway Attributes API, and reads
/// reported jobs back. Submissions are form-encoded with the key in the spec's key header
/// (the legacy form field only when <see cref="GatewayAttributesClientOptions.SendLegacyApiKeyField"/>
/// is set); the service's plain-text reply comes back parsed as a <see cref="JobAttributesReply"/>.
/// Routes, field and header names are the spec's, from <see cref="GatewayAttributesOperations"/>.
/// </summary>
public sealed class GatewayAttributesClient : IGatewayAttributesClient
{
    /// <summary>The wire format of <c>submittime</c>: <c>2019-05-31 14:32:00 -07:00</c>.</summary>
    public const string SubmitTimeFormat = "yyyy-MM-dd HH:mm:ss zzz";

    private static readonly string Service = UsageApiNames.DisplayName(UsageApi.GatewayAttributes);
    private const string DryRunValue = "1";
    private static readonly MediaTypeWithQualityHeaderValue AcceptText = new("text/plain");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private static readonly Lazy<System.Text.RegularExpressions.Regex?> ResourceNamePattern = new(() => PathSegment.SpecPattern<JobAttributes>(nameof(JobAttributes.XsedeResourceName)));

    private readonly ResilientHttpInvoker _invoker;
    private readonly ILogger _logger;
    private readonly Uri _baseAddress;
    private readonly Secret _apiKey;
    private readonly bool _sendLegacyApiKeyField;

    /// <summary>Creates a client over <paramref name="httpClient"/>; the options are checked and copied, and a key file is read now.</summary>
    /// <param name="httpClient">The client to send with.</param>
    /// <param name="options">The settings.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <param name="timeProvider">The clock for timeouts, waits and the resource-name query; the system clock when null.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are unusable; the message says what to set.</exception>
    public GatewayAttributesClient(HttpClient httpClient, GatewayAttributesClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        OptionsChecks.ThrowIfInvalid(new GatewayAttributesClientOptionsValidator(), options);
        _logger = logger ?? NullLogger.Instance;
        _baseAddress = options.BaseAddress!.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        _apiKey = options.ApiKey ?? GatewayApiKeyFile.Load(options.ApiKeyFile!);
        _sendLegacyApiKeyField = options.SendLegacyApiKeyField;
        _invoker = new ResilientHttpInvoker(httpClient, options.Resilience, Service, UsageApiNames.GatewayAttributes, _logger, timeProvider ?? TimeProvider.System, options.MaxResponseBytes, _apiKey.Scrub);
    }

    /// <summary>Formats a submission time as the service expects: <c>yyyy-MM-dd HH:mm:ss zzz</c>, with the offset the value carries.</summary>
    /// <param name="submitTime">The time.</param>
    public static string FormatSubmitTime(DateTimeOffset submitTime) => submitTime.ToString(SubmitTimeFormat, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    /// <exception cref="UsageValidationException">The attributes break the spec; nothing was sent.</exception>
    public Task<JobAttributesReply> SubmitAsync(JobAttributes attributes, CancellationToken cancellationToken = default) =>
        PostAsync(attributes, debug: null, cancellationToken);

    /// <inheritdoc />
    public Task<JobAttributesReply> SubmitAsync(string gatewayUser, string resourceName, string jobId, DateTimeOffset submitTime, string? software = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(new JobAttributes { GatewayUser = gatewayUser, XsedeResourceName = resourceName, JobId = jobId, SubmitTime = FormatSubmitTime(submitTime), Software = software }, cancellationToken);

    /// <inheritdoc />
    public Task<JobAttributesReply> DryRunAsync(JobAttributes attributes, CancellationToken cancellationToken = default) =>
        PostAsync(attributes, DryRunValue, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Public gateway scripts post <c>xsederesourcename=unknown</c> on purpose to get this list. The
    /// other required fields carry placeholders, and <c>debug</c> is set, so that nothing can be staged.
    /// </remarks>
    public async Task<IReadOnlyList<string>> GetValidResourceNamesAsync(CancellationToken cancellationToken = default)
    {
        var probe = new JobAttributes
        {
            GatewayUser = "resource-name-lookup",
            XsedeResourceName = "unknown",
            JobId = "0",
            SubmitTime = FormatSubmitTime(_invoker.TimeProvider.GetUtcNow()),
        };
        var (reply, response, description) = await SendFormAsync(probe, DryRunValue, cancellationToken).ConfigureAwait(false);
        return reply.RefusesRecord && reply.SuggestedResourceNames.Count > 0
            ? reply.SuggestedResourceNames
            : throw ServiceFailures.Unreadable(Service, response, description, "the reply lists no resource names (no \"Did you mean one of these?\")", _apiKey.Scrub);
    }

    /// <inheritdoc />
    public Task<GatewayJobsResponse> GetJobsByProjectAsync(string grantNumber, DateOnly startDate, DateOnly endDate, CancellationToken cancellationToken = default)
    {
        var grant = PathSegment.Escape(grantNumber, "The grant number", nameof(grantNumber));
        var operation = GatewayAttributesOperations.GetJobsByProjectAndDates;
        return GetJobsAsync(operation, operation.RelativePath(grant, Day(startDate), Day(endDate)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<GatewayJobsResponse> GetJobsByResourceUserAsync(string resource, string username, DateOnly startDate, DateOnly endDate, CancellationToken cancellationToken = default)
    {
        // The spec's path parameter is "the resource name, as in xsederesourcename": that member's pattern.
        var resourceSegment = PathSegment.Escape(resource, "The resource name", nameof(resource), ResourceNamePattern.Value);
        var user = PathSegment.Escape(username, "The login on the resource", nameof(username));
        var operation = GatewayAttributesOperations.GetJobsByResourceUserAndDates;
        return GetJobsAsync(operation, operation.RelativePath(resourceSegment, user, Day(startDate), Day(endDate)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<GatewayJobsResponse> GetLastJobsAsync(CancellationToken cancellationToken = default) =>
        GetJobsAsync(GatewayAttributesOperations.GetLastJobs, GatewayAttributesOperations.GetLastJobs.RelativePath(), cancellationToken, humanReadable: true);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<JobAttributesReply> PostAsync(JobAttributes attributes, string? debug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attributes);

        // The source generator gives JobAttributes IsValid()/Validate() (IValidatable) (from the spec's required set,
        // patterns and x-rules): nothing that breaks the spec is sent.
        if (!attributes.IsValid())
        {
            throw new UsageValidationException(nameof(JobAttributes), attributes.Validate());
        }

        var (reply, _, _) = await SendFormAsync(attributes, debug, cancellationToken).ConfigureAwait(false);
        return reply;
    }

    private async Task<(JobAttributesReply Reply, ServiceResponse Response, ServiceRequestDescription Description)> SendFormAsync(JobAttributes attributes, string? debug, CancellationToken cancellationToken)
    {
        var operation = GatewayAttributesOperations.SubmitJobAttributes;
        var uri = new Uri(_baseAddress, operation.RelativePath());
        var fields = JobAttributesForm.Fields(attributes, debug, _sendLegacyApiKeyField ? _apiKey.Reveal() : null);
        var description = ServiceRequestDescription.For(operation.Method, uri, recordCount: 1);
        var response = await _invoker.SendAsync(() => CreateRequest(operation, uri, AcceptText, new FormUrlEncodedContent(fields)), description, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ServiceFailures.FromStatus(Service, response, description, _apiKey.Scrub, _invoker.TimeProvider);
        }

        var reply = JobAttributesReply.Parse(_apiKey.Scrub(response.BodyText()));

        // Only the three documented replies are answers; a 200 login page or an empty 200 is not.
        if (!reply.IsDocumented)
        {
            throw ServiceFailures.Unreadable(Service, response, description,
                $"the reply is none of the documented ones (\"{JobAttributesReply.AttributesHeader}\", \"{JobAttributesReply.DryRunMarker}\", \"{JobAttributesReply.SuggestionsMarker}\")", _apiKey.Scrub);
        }

        GatewayClientLog.Submitted(_logger, attributes.JobId, attributes.XsedeResourceName, fields.Count, (debug ?? attributes.Debug) is not null, reply.Kind, response.StatusCode, (long)response.Elapsed.TotalMilliseconds);
        return (reply, response, description);
    }

    private async Task<GatewayJobsResponse> GetJobsAsync(SpecOperation operation, string path, CancellationToken cancellationToken, bool humanReadable = false)
    {
        var uri = new Uri(_baseAddress, path);
        var description = ServiceRequestDescription.For(operation.Method, uri);
        var response = await _invoker.SendAsync(() => CreateRequest(operation, uri, AcceptJson, null), description, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ServiceFailures.FromStatus(Service, response, description, _apiKey.Scrub, _invoker.TimeProvider);
        }

        const string Expected = "a jobs envelope ({\"message\": ..., \"result\": [...]})";
        if (response.StatusCode != 200 || response.Body.Length == 0)
        {
            throw ServiceFailures.Unreadable(Service, response, description, response.Body.Length == 0 ? "the body is empty instead of " + Expected : "the API answers 200 with " + Expected, _apiKey.Scrub);
        }

        // The route list calls GetLastJobs "human-readable": a plain-text answer is its message, with no rows.
        // Anything else that is not JSON (an HTML login page) stays unreadable.
        if (humanReadable && response.MediaType is "text/plain" && !LooksLikeJson(response.Body))
        {
            var text = _apiKey.Scrub(string.Join('\n', response.BodyText().Split('\n').Select(ServiceText.Clean)));
            GatewayClientLog.JobsRead(_logger, 0, description.Path, response.StatusCode, (long)response.Elapsed.TotalMilliseconds);
            return new GatewayJobsResponse { Message = text, Result = [] };
        }

        GatewayJobsResponse? jobs;
        try
        {
            jobs = JsonSerializer.Deserialize<GatewayJobsResponse>(response.Body, UsageJson.Options);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            throw ServiceFailures.Unreadable(Service, response, description, $"the body is not {Expected}: {exception.Message}", _apiKey.Scrub, exception);
        }

        if (jobs is null)
        {
            throw ServiceFailures.Unreadable(Service, response, description, "the body is JSON null instead of " + Expected, _apiKey.Scrub);
        }

        // The envelope is {"message": ..., "result": [...]}: an object with neither (a proxy's {}) would read as "no jobs".
        var problem = jobs.Result is null && jobs.Message is null
            ? $"the object has neither {GatewayJobsResponse.WireNames.Message} nor {GatewayJobsResponse.WireNames.Result}"
            : ReplyRows.NullRow(jobs.Result, GatewayJobsResponse.WireNames.Result);
        if (problem is not null)
        {
            throw ServiceFailures.Unreadable(Service, response, description, $"{problem}, so it is not {Expected}", _apiKey.Scrub);
        }

        GatewayClientLog.JobsRead(_logger, jobs.Result?.Count ?? 0, description.Path, response.StatusCode, (long)response.Elapsed.TotalMilliseconds);
        return jobs;
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        var start = body.TrimStart(" \t\r\n"u8);
        return start.Length > 0 && start[0] is (byte)'{' or (byte)'[';
    }

    private HttpRequestMessage CreateRequest(SpecOperation operation, Uri uri, MediaTypeWithQualityHeaderValue accept, HttpContent? content)
    {
        var request = new HttpRequestMessage(operation.Method, uri) { Content = content };
        request.Headers.Accept.Add(accept);
        SecurityHeaders.Add(request, operation, header => header == GatewayAttributesOperations.SecuritySchemes.XaApiKey ? _apiKey.Reveal() : null);
        return request;
    }
}
