using System.CommandLine;
using UsageSchema.Amie;
using UsageSchema.Cli.Configuration;
using UsageSchema.Cli.Sending;

namespace UsageSchema.Cli.Commands;

/// <summary>
/// Where a service is and how to find its secret. Each setting comes from the option, else the
/// environment, else the configuration file. There is deliberately no option that takes a key itself.
/// Without a URL the command fails: the embedded emulator is used only when <c>--emulator</c> asks for it
/// on the command line (see <c>docs/decisions/cli-configuration.md</c>).
/// </summary>
internal sealed class ConnectionOptions(UsageApi service)
{
    public UsageApi Service => service;

    public Option<string?> Url { get; } = new("--url") { Description = $"The service's base URL (else {UrlVariable(service)}, else the configuration file's {ConfigKey(service)}). Without any, the command fails." };

    public Option<bool> Emulator { get; } = new("--emulator") { Description = "Use an embedded in-memory emulator started for this command instead of the service: nothing is kept afterwards. Only on the command line, never from the environment or the configuration file." };

    public Option<string?> KeyFile { get; } = new("--key-file") { Description = "A file holding the API key or token. Without it: USAGE_SCHEMA_AMIE_API_KEY, USAGE_SCHEMA_GATEWAY_API_KEY or USAGE_SCHEMA_PERSEUS_TOKEN, else the configuration file's keyFile." };

    public Option<double?> Timeout { get; } = new("--timeout") { Description = "Seconds one HTTP attempt may take before it is retried (default 100, or the configuration file's sender.timeoutSeconds)." };

    public Option<int?> Retries { get; } = new("--retries") { Description = "How many times a failed request is retried (default 3, or the configuration file's sender.retries)." };

    public Option<string?> Site { get; } = new("--site") { Description = $"AMIE: the site name ({AmieUsageOperations.SecuritySchemes.XaSite}). Without it: USAGE_SCHEMA_AMIE_SITE, else the configuration file." };

    /// <summary>The configuration file's key for the service's URL, e.g. <c>amie.url</c>.</summary>
    public static string ConfigKey(UsageApi service) => UsageApiNames.Of(service) + ".url";

    public static string UrlVariable(UsageApi service) => service switch
    {
        UsageApi.Amie => "USAGE_SCHEMA_AMIE_URL",
        UsageApi.Perseus => "USAGE_SCHEMA_PERSEUS_URL",
        _ => "USAGE_SCHEMA_GATEWAY_URL",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Emulator);
        command.Options.Add(KeyFile);
        command.Options.Add(Timeout);
        command.Options.Add(Retries);
        if (service == UsageApi.Amie)
        {
            command.Options.Add(Site);
        }
    }

    /// <summary>Whether <c>--emulator</c> was given.</summary>
    public bool UsesEmulator(ParseResult parse) => parse.GetValue(Emulator);

    /// <summary>The settings for this command; a <see cref="CliUsageException"/> naming the settings to add when no URL is found and <c>--emulator</c> was not given.</summary>
    public ConnectionSettings Settings(ParseResult parse, CliConfig config)
    {
        if (UsesEmulator(parse))
        {
            return parse.GetValue(Url) is null
                ? Tune(new ConnectionSettings(null, null, null), parse.GetValue(Timeout), parse.GetValue(Retries), config)
                : throw new CliUsageException("--emulator and --url exclude each other: --emulator sends to a throwaway emulator started for this command, --url to the service.");
        }

        var settings = Tune(Resolve(service, parse.GetValue(Url), parse.GetValue(KeyFile), service == UsageApi.Amie ? parse.GetValue(Site) : null, config), parse.GetValue(Timeout), parse.GetValue(Retries), config);
        return settings.Url is null ? throw MissingUrl(service, config, "--url URL", offerEmulator: true) : settings;
    }

    /// <summary>Opens the connection: the embedded emulator with <c>--emulator</c>, else the service at the settings' URL.</summary>
    public async Task<ServiceConnection> OpenAsync(ParseResult parse, ConnectionSettings settings, CancellationToken cancellationToken) =>
        UsesEmulator(parse)
            ? await ServiceConnection.StartEmulatorAsync(settings, Console.Error, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await ServiceConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The error for a service without a URL: it names the option, the environment variable and the
    /// configuration key, so a cron job that lost its environment fails loudly instead of sending nowhere.
    /// </summary>
    /// <param name="service">The service.</param>
    /// <param name="config">The configuration read, to name its file.</param>
    /// <param name="option">How the command takes the URL on its command line.</param>
    /// <param name="offerEmulator">Whether the command takes <c>--emulator</c>.</param>
    public static CliUsageException MissingUrl(UsageApi service, CliConfig config, string option, bool offerEmulator)
    {
        var name = UsageApiNames.Of(service);
        var file = config.Source ?? $"{CliConfigLoader.UserPath()} or the file named by --config";
        return new CliUsageException($"No {name} URL, so nothing was sent: give {option}, set {UrlVariable(service)}, or add \"{name}\": {{ \"url\": ... }} ({ConfigKey(service)}) to the configuration file ({file})." + (offerEmulator ? " For a throwaway local test, --emulator uses an embedded emulator instead." : string.Empty));
    }

    /// <summary>Applies <c>--timeout</c> and <c>--retries</c>, else the configuration file's sender settings.</summary>
    public static ConnectionSettings Tune(ConnectionSettings settings, double? timeoutOption, int? retriesOption, CliConfig config)
    {
        var timeout = timeoutOption ?? config.Sender?.TimeoutSeconds;
        var retries = retriesOption ?? config.Sender?.Retries;
        if (timeout is <= 0 || (timeout is { } t && !double.IsFinite(t)) || retries is < 0)
        {
            throw new CliUsageException("--timeout must be a positive number of seconds and --retries not negative.");
        }

        return settings with { AttemptTimeout = timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null, MaxRetries = retries };
    }

    /// <summary>Option, else environment, else configuration file.</summary>
    public static ConnectionSettings Resolve(UsageApi service, string? urlOption, string? keyFileOption, string? siteOption, CliConfig config)
    {
        var configured = service switch { UsageApi.Amie => config.Amie, UsageApi.Perseus => config.Perseus, _ => config.Gateway };
        var urlText = urlOption ?? Environment(UrlVariable(service)) ?? configured?.Url;
        Uri? url = null;
        if (urlText is not null && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            var source = urlOption is not null ? "--url" : Environment(UrlVariable(service)) is not null ? UrlVariable(service) : $"the configuration file {config.Source}";
            throw new CliUsageException($"The {UsageApiNames.Of(service)} URL '{urlText}' (from {source}) is not an absolute http(s) URL.");
        }

        // The environment's key outranks the configuration file's key file, as for every other setting.
        var keyFile = keyFileOption ?? (Environment(KeyVariable(service)) is null ? configured?.KeyFile : null);
        var site = service == UsageApi.Amie ? siteOption ?? Environment(ConnectionSettings.AmieSiteVariable) ?? configured?.Site : null;
        return new ConnectionSettings(url, keyFile, site);
    }

    private static string KeyVariable(UsageApi service) => service switch
    {
        UsageApi.Amie => ConnectionSettings.AmieKeyVariable,
        UsageApi.Perseus => ConnectionSettings.PerseusTokenVariable,
        _ => ConnectionSettings.GatewayKeyVariable,
    };

    private static string? Environment(string name) => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
