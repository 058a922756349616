using System.Globalization;
using UsageSchema.Resilience;
using UsageSchema.Secrets;

namespace UsageSchema.GatewayAttributes.Client;

/// <summary>Settings of <see cref="GatewayAttributesClient"/>.</summary>
public sealed class GatewayAttributesClientOptions
{
    /// <summary>The default of <see cref="MaxResponseBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxResponseBytes = 1024 * 1024;

    /// <summary>The production API, <c>https://allocations-api.access-ci.org/acdb</c>.</summary>
    public static readonly Uri ProductionBaseAddress = new("https://allocations-api.access-ci.org/acdb");

    /// <summary>The API's base URL; paths such as <c>gateway/v2/job_attributes</c> are appended to it. Default <see cref="ProductionBaseAddress"/>.</summary>
    public Uri? BaseAddress { get; set; } = ProductionBaseAddress;

    /// <summary>The gateway's key, sent as the <c>XA-API-Key</c> header. Set this or <see cref="ApiKeyFile"/>.</summary>
    public Secret? ApiKey { get; set; }

    /// <summary>
    /// A key file to read the key from (see <see cref="GatewayApiKeyFile"/>), e.g.
    /// <c>~/.gateway-attributes-apikey</c>. Set this or <see cref="ApiKey"/>. The file must not be
    /// readable by group or others.
    /// </summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>
    /// Also sends the key as the legacy form field <c>apikey</c>. Off by default: the header is the
    /// documented way, and a form field ends up in places headers do not (proxy logs of bodies).
    /// </summary>
    public bool SendLegacyApiKeyField { get; set; }

    /// <summary>
    /// The most bytes of an answer the client reads. A longer answer fails the call with
    /// <see cref="Errors.ResponseTooLargeException"/>, which is not retried. Default 1 MiB.
    /// </summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Retries and timeouts.</summary>
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>The settings, with the key redacted.</summary>
    public override string ToString() =>
        $"GatewayAttributesClientOptions {{ BaseAddress = {BaseAddress}, ApiKey = {(ApiKey is null ? "(not set)" : Secret.Redacted)}, ApiKeyFile = {ApiKeyFile ?? "(not set)"}, " +
        $"SendLegacyApiKeyField = {SendLegacyApiKeyField}, MaxResponseBytes = {MaxResponseBytes.ToString(CultureInfo.InvariantCulture)}, Resilience = {Resilience} }}";
}
