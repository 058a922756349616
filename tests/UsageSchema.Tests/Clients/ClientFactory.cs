using Microsoft.Extensions.Logging;
using UsageSchema.Amie.Sending;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Perseus.Client;
using UsageSchema.Resilience;
using UsageSchema.Secrets;

namespace UsageSchema.Tests.Clients;

/// <summary>Clients over a <see cref="ScriptedHandler"/>, with fast, timer-free retries unless a test says otherwise.</summary>
internal static class ClientFactory
{
    /// <summary>Two retries, no waits, no timeouts: retry tests run at once and never depend on time.</summary>
    public static ResilienceOptions FastRetries() => new()
    {
        MaxRetryAttempts = 2,
        BaseDelay = TimeSpan.Zero,
        MaxDelay = TimeSpan.FromSeconds(30),
        UseJitter = false,
        AttemptTimeout = Timeout.InfiniteTimeSpan,
        TotalTimeout = Timeout.InfiniteTimeSpan,
    };

    public static AmieClientOptions AmieOptions() => new()
    {
        ApiKey = new Secret(TestRecords.ApiKey),
        SiteName = "SDSC",
        Resilience = FastRetries(),
    };

    public static AmieUsageSender Amie(ScriptedHandler handler, Action<AmieClientOptions>? configure = null, TimeProvider? time = null, ILogger? logger = null)
    {
        var options = AmieOptions();
        configure?.Invoke(options);
        return new AmieUsageSender(new HttpClient(handler), options, logger, time);
    }

    public static GatewayAttributesClient Gateway(ScriptedHandler handler, Action<GatewayAttributesClientOptions>? configure = null, TimeProvider? time = null, ILogger? logger = null)
    {
        var options = new GatewayAttributesClientOptions { ApiKey = new Secret(TestRecords.GatewayKey), Resilience = FastRetries() };
        configure?.Invoke(options);
        return new GatewayAttributesClient(new HttpClient(handler), options, logger, time);
    }

    public static PerseusUsageClient Perseus(ScriptedHandler handler, Action<PerseusClientOptions>? configure = null, TimeProvider? time = null, ILogger? logger = null)
    {
        var options = new PerseusClientOptions
        {
            BaseAddress = new Uri("https://perseus.example.org/api"),
            Token = new Secret(TestRecords.PerseusToken),
            Resilience = FastRetries(),
        };
        configure?.Invoke(options);
        return new PerseusUsageClient(new HttpClient(handler), options, logger, time);
    }
}
