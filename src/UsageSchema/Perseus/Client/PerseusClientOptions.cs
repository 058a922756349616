using UsageSchema.Resilience;
using UsageSchema.Secrets;

namespace UsageSchema.Perseus.Client;

/// <summary>Settings of <see cref="PerseusUsageClient"/>.</summary>
public sealed class PerseusClientOptions
{
    /// <summary>
    /// The PERSEUS core address, proxy prefix included: behind the shipped reverse proxy
    /// <c>https://&lt;host&gt;/api</c>. <c>service/UsageReporting/{project_oid}</c> is appended to it. Required.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The token, sent as the <c>Perseus-Token</c> header. Required.</summary>
    public Secret? Token { get; set; }

    /// <summary>Retries and timeouts.</summary>
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>The settings, with the token redacted.</summary>
    public override string ToString() =>
        $"PerseusClientOptions {{ BaseAddress = {BaseAddress?.ToString() ?? "(not set)"}, Token = {(Token is null ? "(not set)" : Secret.Redacted)}, Resilience = {Resilience} }}";
}
