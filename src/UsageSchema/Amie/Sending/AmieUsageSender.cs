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
using UsageSchema.Wire;

namespace UsageSchema.Amie.Sending;

/// <summary>
/// Sends usage to the AMIE Usage API and reads its status and failed records. Records are validated
/// and packed by serialized size (see <see cref="RequestPacker"/>); invalid and oversized records
/// come back as local failures while their neighbours are sent; a <c>413</c> answer splits the
/// request in two and retries, down to single records; transient failures are retried as
/// <see cref="ResilienceOptions"/> say. Every request carries the spec's security headers (the key
/// and the site name).
/// </summary>
/// <remarks>
/// <para>Routes, query names and header names are the spec's, from <see cref="AmieUsageOperations"/>.
/// The request body is written from the bytes each record was serialized to once.</para>
/// <para>A <c>POST /usage</c> that timed out may still have been queued; retrying it can make the
/// service report the records as duplicates among its failed records. That is preferred to losing
/// them: a duplicate is visible and harmless, a lost record is neither.</para>
/// </remarks>
public sealed partial class AmieUsageSender : IAmieUsageSender
{
    private static readonly string Service = UsageApiNames.DisplayName(UsageApi.Amie);
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly ResilientHttpInvoker _invoker;
    private readonly ILogger _logger;
    private readonly Uri _baseAddress;
    private readonly Secret _apiKey;
    private readonly string _siteName;
    private readonly int _maxRequestBytes;
    private readonly int? _maxRecordsPerRequest;
    private readonly int _maxIdsPerRequest;
    private readonly int _maxRequestsInFlight;

    /// <summary>Creates a sender over <paramref name="httpClient"/>; the options are checked and copied.</summary>
    /// <param name="httpClient">The client to send with. Its own <see cref="HttpClient.Timeout"/> also applies; set it to infinite to leave timeouts to <see cref="ResilienceOptions"/>.</param>
    /// <param name="options">The settings.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <param name="timeProvider">The clock for timeouts and waits; the system clock when null.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are unusable; the message says what to set.</exception>
    public AmieUsageSender(HttpClient httpClient, AmieClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        OptionsChecks.ThrowIfInvalid(new AmieClientOptionsValidator(), options);
        _logger = logger ?? NullLogger.Instance;
        _baseAddress = WithTrailingSlash(options.BaseAddress!);
        _apiKey = options.ApiKey!;
        _siteName = options.SiteName!;
        _maxRequestBytes = options.MaxRequestBytes;
        _maxRecordsPerRequest = options.MaxRecordsPerRequest;
        _maxIdsPerRequest = options.MaxFailedRecordIdsPerRequest;
        _maxRequestsInFlight = options.MaxRequestsInFlight;
        _invoker = new ResilientHttpInvoker(httpClient, options.Resilience, Service, UsageApiNames.Amie, _logger, timeProvider ?? TimeProvider.System, options.MaxResponseBytes, _apiKey.Scrub);
    }

    /// <inheritdoc />
    public Task<AmieSendResult> SendAsync(IAmieUsageRecord record, CancellationToken cancellationToken = default) =>
        SendAsync([record], cancellationToken);

    /// <inheritdoc />
    /// <remarks>The message's own unknown members (<see cref="UsageMessage.AdditionalProperties"/>) are not sent: requests are rebuilt around the records.</remarks>
    public Task<AmieSendResult> SendAsync(UsageMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);

        // Every message reads its records as IAmieUsageRecord (x-usage-message in the spec).
        IAmieUsageMessage records = message;
        return SendAsync(records.Records, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AmieSendResult> SendAsync(IEnumerable<IAmieUsageRecord?> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var run = new SendRun(this, null);
        using var packer = new RequestPacker(_maxRequestBytes, _maxRecordsPerRequest);
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await run.AddAsync(packer.Add(record), cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return await run.FinishAsync(packer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<AmieSendResult> SendAsync(IAsyncEnumerable<IAmieUsageRecord?> records, CancellationToken cancellationToken = default) =>
        SendStreamAsync(records, null, cancellationToken);

    /// <inheritdoc />
    public Task<AmieSendResult> SendAsync(IAsyncEnumerable<IAmieUsageRecord?> records, IAmieSendObserver observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return SendStreamAsync(records, observer, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UsageStatusResource>> GetStatusAsync(string? fromTime = null, string? toTime = null, CancellationToken cancellationToken = default)
    {
        var operation = AmieUsageOperations.GetUsageStatus;
        var query = operation.Query(
            (AmieUsageOperations.Names.GetUsageStatus.FromTime, fromTime),
            (AmieUsageOperations.Names.GetUsageStatus.ToTime, toTime));
        var uri = new Uri(_baseAddress, operation.RelativePath() + query);
        var response = await GetSuccessAsync(operation, uri, cancellationToken).ConfigureAwait(false);
        const string Expected = "a JSON array of status resources";
        var resources = Parse<List<UsageStatusResource>>(response, uri, Expected);
        return ReplyRows.NullRow(resources, "the array") is { } problem
            ? throw ServiceFailures.Unreadable(Service, response, ServiceRequestDescription.For(HttpMethod.Get, uri), $"{problem}, so it is not {Expected}", _apiKey.Scrub)
            : resources;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UsageStatusResource>> GetStatusAsync(DateTimeOffset fromTime, DateTimeOffset toTime, CancellationToken cancellationToken = default) =>
        GetStatusAsync(FormatInstant(fromTime), FormatInstant(toTime), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<FailedUsageRecord>> GetFailedRecordsAsync(CancellationToken cancellationToken = default)
    {
        var operation = AmieUsageOperations.GetFailedRecords;
        var uri = new Uri(_baseAddress, operation.RelativePath());
        var response = await GetSuccessAsync(operation, uri, cancellationToken).ConfigureAwait(false);
        const string Expected = "a failed-records object";
        var failed = Parse<FailedUsageRecords>(response, uri, Expected);

        // Either key is the service's (see FailedUsageRecords.AllFailedRecords); an object with neither (a proxy's {}) would read as "none failed".
        var problem = failed.FailedRecords is null && failed.ValidationFailedRecords is null
            ? $"the object has neither {nameof(FailedUsageRecords.FailedRecords)} nor {nameof(FailedUsageRecords.ValidationFailedRecords)}"
            : ReplyRows.NullRow(failed.FailedRecords, nameof(FailedUsageRecords.FailedRecords)) ?? ReplyRows.NullRow(failed.ValidationFailedRecords, nameof(FailedUsageRecords.ValidationFailedRecords));
        return problem is null
            ? failed.AllFailedRecords
            : throw ServiceFailures.Unreadable(Service, response, ServiceRequestDescription.For(HttpMethod.Get, uri), $"{problem}, so it is not {Expected}", _apiKey.Scrub);
    }

    /// <inheritdoc />
    public async Task<ClearFailedRecordsResult> ClearFailedRecordsAsync(IEnumerable<string> failedRecordIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failedRecordIds);
        var ids = failedRecordIds.ToList();

        // Every ID is checked before the first request: the spec's "^[^,/]+(,[^,/]+)*$" for the joined
        // list means no ',' or '/' inside an ID, and no ID may be a dot segment ("..") that the URI
        // would resolve into another path. No IDs means no request at all.
        var escaped = ids.Select((id, index) => PathSegment.Escape(id, PathSegment.Numbered(FailedUsageRecord.WireNames.FailedRecordId, index), nameof(failedRecordIds), forbidden: ",")).ToList();
        var operation = AmieUsageOperations.ClearFailedRecords;
        var requests = 0;
        foreach (var batch in escaped.Chunk(_maxIdsPerRequest))
        {
            // Commas separate the IDs and stay literal.
            var uri = new Uri(_baseAddress, operation.RelativePath(string.Join(',', batch)));
            await GetSuccessAsync(operation, uri, cancellationToken).ConfigureAwait(false);
            requests++;
        }

        return new ClearFailedRecordsResult(ids, requests, []);
    }

    /// <inheritdoc />
    public async Task<ClearFailedRecordsResult> ClearFailedRecordsAsync(IEnumerable<FailedUsageRecord> failedRecords, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failedRecords);
        var records = failedRecords.ToList();
        var withoutId = records.Where(record => record is not null && string.IsNullOrWhiteSpace(record.FailedRecordId)).ToList();
        var ids = records.Where(record => !string.IsNullOrWhiteSpace(record?.FailedRecordId)).Select(record => record.FailedRecordId!).ToList();
        var cleared = await ClearFailedRecordsAsync(ids, cancellationToken).ConfigureAwait(false);
        return cleared with { SkippedWithoutId = withoutId };
    }

    private async Task<AmieSendResult> SendStreamAsync(IAsyncEnumerable<IAmieUsageRecord?> records, IAmieSendObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var run = new SendRun(this, observer);
        using var packer = new RequestPacker(_maxRequestBytes, _maxRecordsPerRequest);
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!await run.AddAsync(packer.Add(record), cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return await run.FinishAsync(packer, cancellationToken).ConfigureAwait(false);
    }

    private static string FormatInstant(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");

    private HttpRequestMessage CreateRequest(SpecOperation operation, Uri uri, HttpContent? content)
    {
        var request = new HttpRequestMessage(operation.Method, uri) { Content = content };
        request.Headers.Accept.Add(AcceptJson);
        SecurityHeaders.Add(request, operation, SecurityValue);
        return request;
    }

    /// <summary>The value of a security header the spec names: the key, or the site name.</summary>
    private string? SecurityValue(string header) => header switch
    {
        AmieUsageOperations.SecuritySchemes.XaApiKey => _apiKey.Reveal(),
        AmieUsageOperations.SecuritySchemes.XaSite => _siteName,
        _ => null,
    };

    private async Task<ServiceResponse> GetSuccessAsync(SpecOperation operation, Uri uri, CancellationToken cancellationToken)
    {
        var description = ServiceRequestDescription.For(operation.Method, uri);
        var response = await _invoker.SendAsync(() => CreateRequest(operation, uri, null), description, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? response : throw ServiceFailures.FromStatus(Service, response, description, _apiKey.Scrub, _invoker.TimeProvider);
    }

    private T Parse<T>(ServiceResponse response, Uri uri, string expected)
        where T : class
    {
        var description = ServiceRequestDescription.For(HttpMethod.Get, uri);
        if (response.StatusCode != 200)
        {
            throw ServiceFailures.Unreadable(Service, response, description, $"the API answers 200 with {expected}", _apiKey.Scrub);
        }

        if (response.Body.Length == 0)
        {
            throw ServiceFailures.Unreadable(Service, response, description, $"the body is empty instead of {expected}", _apiKey.Scrub);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(response.Body, UsageJson.Options)
                ?? throw ServiceFailures.Unreadable(Service, response, description, $"the body is JSON null instead of {expected}", _apiKey.Scrub);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            throw ServiceFailures.Unreadable(Service, response, description, $"the body is not {expected} ({exception.Message})", _apiKey.Scrub, exception);
        }
    }
}
