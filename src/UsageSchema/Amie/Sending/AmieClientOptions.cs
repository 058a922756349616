using System.Globalization;
using UsageSchema.Resilience;
using UsageSchema.Secrets;

namespace UsageSchema.Amie.Sending;

/// <summary>Settings of <see cref="AmieUsageSender"/>.</summary>
public sealed class AmieClientOptions
{
    /// <summary>The default of <see cref="MaxResponseBytes"/>: 4 MiB.</summary>
    public const int DefaultMaxResponseBytes = 4 * 1024 * 1024;

    /// <summary>The production API, <c>https://usage.access-ci.org/api/v1</c>.</summary>
    public static readonly Uri ProductionBaseAddress = new("https://usage.access-ci.org/api/v1");

    /// <summary>The test API, <c>https://usage.access-ci.org/api/v1_test</c>.</summary>
    public static readonly Uri TestBaseAddress = new("https://usage.access-ci.org/api/v1_test");

    /// <summary>The API's base URL; paths such as <c>usage/status</c> are appended to it. Default <see cref="ProductionBaseAddress"/>.</summary>
    public Uri? BaseAddress { get; set; } = ProductionBaseAddress;

    /// <summary>The site's key, sent as <c>XA-API-KEY</c>. Required.</summary>
    public Secret? ApiKey { get; set; }

    /// <summary>The site name, sent as <c>XA-SITE</c>. Required.</summary>
    public string? SiteName { get; set; }

    /// <summary>
    /// The most bytes one request body may have, envelope included. Default 192 KiB (196608), under
    /// the 256 KB POST limit two public sources cite; the reference client's documentation says the
    /// service takes 1024 KiB, so up to that may be set. A <c>413</c> still splits and retries.
    /// </summary>
    public int MaxRequestBytes { get; set; } = RequestPacker.DefaultMaxRequestBytes;

    /// <summary>The most records one request may hold; null (the default) for no limit but <see cref="MaxRequestBytes"/>.</summary>
    public int? MaxRecordsPerRequest { get; set; }

    /// <summary>The most <c>FailedRecordID</c>s one <c>DELETE /usage/failed/{ids}</c> carries, keeping URLs short. Default 100.</summary>
    public int MaxFailedRecordIdsPerRequest { get; set; } = 100;

    /// <summary>
    /// The most bytes of an answer the sender reads (<c>POST /usage</c> echoes failed records, so its
    /// answers are the largest). A longer answer fails the request with
    /// <see cref="Errors.ResponseTooLargeException"/>, which is not retried. Default 4 MiB.
    /// </summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>
    /// The most <c>POST /usage</c> requests of one send on the wire at once; 1 to
    /// <see cref="MaxRequestsInFlightLimit"/>. Default 1: one request at a time, as the reference client
    /// sends, because whether the service takes concurrent requests from one site is not documented.
    /// Even at 1 the next request is packed while the current one is on the wire. Outcomes are taken in
    /// the order the requests were sent.
    /// </summary>
    public int MaxRequestsInFlight { get; set; } = 1;

    /// <summary>The highest <see cref="MaxRequestsInFlight"/> accepted.</summary>
    public const int MaxRequestsInFlightLimit = 16;

    /// <summary>Retries and timeouts.</summary>
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>The settings, with the key redacted.</summary>
    public override string ToString() =>
        $"AmieClientOptions {{ BaseAddress = {BaseAddress}, ApiKey = {(ApiKey is null ? "(not set)" : Secret.Redacted)}, SiteName = {SiteName}, " +
        $"MaxRequestBytes = {MaxRequestBytes.ToString(CultureInfo.InvariantCulture)}, MaxRecordsPerRequest = {MaxRecordsPerRequest?.ToString(CultureInfo.InvariantCulture) ?? "none"}, " +
        $"MaxFailedRecordIdsPerRequest = {MaxFailedRecordIdsPerRequest.ToString(CultureInfo.InvariantCulture)}, " +
        $"MaxResponseBytes = {MaxResponseBytes.ToString(CultureInfo.InvariantCulture)}, MaxRequestsInFlight = {MaxRequestsInFlight.ToString(CultureInfo.InvariantCulture)}, Resilience = {Resilience} }}";
}
