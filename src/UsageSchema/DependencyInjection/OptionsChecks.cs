using System.Globalization;
using Microsoft.Extensions.Options;

namespace UsageSchema.DependencyInjection;

/// <summary>Checks the option validators share, and the way clients built without DI apply them.</summary>
internal static class OptionsChecks
{
    public static void BaseAddress(List<string> problems, string name, Uri? address, string example)
    {
        if (address is null)
        {
            problems.Add($"{name} is not set; set it to the service's base URL, e.g. {example}.");
            return;
        }

        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{name} '{address}' is not an absolute http(s) URL; set it to the service's base URL, e.g. {example}.");
            return;
        }

        // The key goes in a header: over plain HTTP anyone on the path could read it. Loopback
        // (a local emulator) is the only exception.
        if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback)
        {
            problems.Add($"{name} '{address}' uses http:// to a host that is not loopback, so the key would travel in clear text; use https://.");
        }
    }

    /// <summary>
    /// A base address on the production host of another of the three services: this client's key would go to that
    /// service (a configuration that copied the wrong URL, or a planted one). A key belongs to its own service's host.
    /// Every other API with a known production host is checked (PERSEUS has none: each installation has its own).
    /// </summary>
    /// <param name="problems">Where the problem goes.</param>
    /// <param name="name">The option's name, e.g. <c>AmieClientOptions.BaseAddress</c>.</param>
    /// <param name="address">The configured base address.</param>
    /// <param name="key">What this client sends, e.g. "the AMIE API key".</param>
    /// <param name="own">The API this client talks to.</param>
    public static void NotAnotherServicesHost(List<string> problems, string name, Uri? address, string key, UsageApi own)
    {
        if (address is not { IsAbsoluteUri: true })
        {
            return;
        }

        foreach (var other in UsageApiNames.All)
        {
            if (other != own && ProductionBaseAddress(other) is { } production
                && string.Equals(address.IdnHost, production.IdnHost, StringComparison.OrdinalIgnoreCase))
            {
                var service = UsageApiNames.DisplayName(other);
                problems.Add($"{name} '{address}' is on {production.IdnHost}, the host of the {service}: {key} would be sent to the {service}. Set it to this service's own URL.");
            }
        }
    }

    /// <summary>The production base address of <paramref name="api"/>, where there is one for all users.</summary>
    private static Uri? ProductionBaseAddress(UsageApi api) => api switch
    {
        UsageApi.Amie => Amie.Sending.AmieClientOptions.ProductionBaseAddress,
        UsageApi.GatewayAttributes => GatewayAttributes.Client.GatewayAttributesClientOptions.ProductionBaseAddress,
        _ => null,
    };

    /// <summary>The smallest answer limit: room for any error message the services send.</summary>
    public const int MinimumMaxResponseBytes = 1024;

    /// <summary>The largest answer limit: what one answer may cost in memory.</summary>
    public const int MaximumMaxResponseBytes = 256 * 1024 * 1024;

    public static void MaxResponseBytes(List<string> problems, string name, int value, int defaultValue)
    {
        if (value is < MinimumMaxResponseBytes or > MaximumMaxResponseBytes)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name} is {value}; it must be between {MinimumMaxResponseBytes} and {MaximumMaxResponseBytes} (256 MiB). The default is {defaultValue}."));
        }
    }

    public static void Required(List<string> problems, string name, object? value, string hint)
    {
        if (value is null || (value is string text && string.IsNullOrWhiteSpace(text)))
        {
            problems.Add($"{name} is not set; {hint}");
        }
    }

    public static ValidateOptionsResult Result(List<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

    /// <summary>For clients created directly: the same checks as at start-up, as an exception.</summary>
    public static void ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }
    }
}
