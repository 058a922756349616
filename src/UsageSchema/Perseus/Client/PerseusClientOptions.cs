using System.Globalization;
using UsageSchema.Resilience;
using UsageSchema.Secrets;

namespace UsageSchema.Perseus.Client;

/// <summary>Settings of <see cref="PerseusUsageClient"/>.</summary>
public sealed class PerseusClientOptions
{
    /// <summary>The default of <see cref="MaxResponseBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxResponseBytes = 1024 * 1024;

    /// <summary>
    /// The PERSEUS core address, proxy prefix included: behind the shipped reverse proxy
    /// <c>https://&lt;host&gt;/api</c>. <c>service/UsageReporting/{project_oid}</c> is appended to it. Required.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The token, sent as the <c>Perseus-Token</c> header. Required.</summary>
    public Secret? Token { get; set; }

    /// <summary>
    /// The most bytes of an answer the client reads. A longer answer fails the report with
    /// <see cref="Errors.ResponseTooLargeException"/>, which is not retried. Default 1 MiB.
    /// </summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Retries and timeouts.</summary>
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>The settings, with the token redacted.</summary>
    public override string ToString() =>
        $"PerseusClientOptions {{ BaseAddress = {BaseAddress?.ToString() ?? "(not set)"}, Token = {(Token is null ? "(not set)" : Secret.Redacted)}, " +
        $"MaxResponseBytes = {MaxResponseBytes.ToString(CultureInfo.InvariantCulture)}, Resilience = {Resilience} }}";
}
