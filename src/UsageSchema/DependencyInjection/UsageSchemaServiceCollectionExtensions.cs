using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageSchema.Amie.Sending;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Perseus.Client;
using UsageSchema.Resilience;

namespace UsageSchema.DependencyInjection;

/// <summary>
/// Registers the three clients on <see cref="IHttpClientFactory"/>, with their options validated at
/// start-up (<c>ValidateOnStart</c>): a missing base URL, key or site name, or an unusable cap, stops
/// the host with a message that says what to set, instead of failing the first nightly run.
/// </summary>
/// <remarks>
/// Each method returns the <see cref="IHttpClientBuilder"/>, for adding handlers. The HttpClient's own
/// timeout is switched off, because <see cref="Resilience.ResilienceOptions"/> time each attempt and
/// the whole call. The primary handler does not follow redirects (<see cref="Resilience.UsageHttpHandler"/>).
/// Header values are redacted in the factory's logs. A <see cref="TimeProvider"/>
/// registered in the container is used for all timing.
/// </remarks>
public static class UsageSchemaServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAmieUsageSender"/> for the AMIE Usage API.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options: at least <see cref="AmieClientOptions.ApiKey"/> and <see cref="AmieClientOptions.SiteName"/>.</param>
    public static IHttpClientBuilder AddAmieUsageClient(this IServiceCollection services, Action<AmieClientOptions> configure)
    {
        AddOptions<AmieClientOptions, AmieClientOptionsValidator>(services, configure);
        return Configure(services.AddHttpClient<IAmieUsageSender, AmieUsageSender>((http, provider) => new AmieUsageSender(
            http,
            provider.GetRequiredService<IOptions<AmieClientOptions>>().Value,
            provider.GetService<ILoggerFactory>()?.CreateLogger<AmieUsageSender>(),
            provider.GetService<TimeProvider>())));
    }

    /// <summary>Registers <see cref="IGatewayAttributesClient"/> for the ACCESS Gateway Attributes API.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options: at least <see cref="GatewayAttributesClientOptions.ApiKey"/> or <see cref="GatewayAttributesClientOptions.ApiKeyFile"/>.</param>
    public static IHttpClientBuilder AddGatewayAttributesClient(this IServiceCollection services, Action<GatewayAttributesClientOptions> configure)
    {
        AddOptions<GatewayAttributesClientOptions, GatewayAttributesClientOptionsValidator>(services, configure);
        return Configure(services.AddHttpClient<IGatewayAttributesClient, GatewayAttributesClient>((http, provider) => new GatewayAttributesClient(
            http,
            provider.GetRequiredService<IOptions<GatewayAttributesClientOptions>>().Value,
            provider.GetService<ILoggerFactory>()?.CreateLogger<GatewayAttributesClient>(),
            provider.GetService<TimeProvider>())));
    }

    /// <summary>Registers <see cref="IPerseusUsageClient"/> for PERSEUS UsageReporting.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options: <see cref="PerseusClientOptions.BaseAddress"/> and <see cref="PerseusClientOptions.Token"/>.</param>
    public static IHttpClientBuilder AddPerseusUsageClient(this IServiceCollection services, Action<PerseusClientOptions> configure)
    {
        AddOptions<PerseusClientOptions, PerseusClientOptionsValidator>(services, configure);
        return Configure(services.AddHttpClient<IPerseusUsageClient, PerseusUsageClient>((http, provider) => new PerseusUsageClient(
            http,
            provider.GetRequiredService<IOptions<PerseusClientOptions>>().Value,
            provider.GetService<ILoggerFactory>()?.CreateLogger<PerseusUsageClient>(),
            provider.GetService<TimeProvider>())));
    }

    private static void AddOptions<TOptions, TValidator>(IServiceCollection services, Action<TOptions> configure)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    private static IHttpClientBuilder Configure(IHttpClientBuilder builder) => builder
        .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)

        // No key follows a redirect: a 3xx reaches the client, which refuses it (see UsageHttpHandler).
        .ConfigurePrimaryHttpMessageHandler(static (handler, _) => UsageHttpHandler.DisableRedirects(handler))

        // Every header value, not only the key's: what else is secret differs by service.
        .RedactLoggedHeaders(static _ => true);
}
