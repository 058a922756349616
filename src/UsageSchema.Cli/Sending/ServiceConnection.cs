using UsageSchema.Amie.Sending;
using UsageSchema.Emulator;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Perseus.Client;
using UsageSchema.Resilience;
using UsageSchema.Secrets;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// The production clients for one command: aimed at <see cref="ConnectionSettings.Url"/> with the
/// secret from a key file or the environment, or, only when asked for (<c>demo</c>, <c>--emulator</c>),
/// at an in-memory emulator started here (and stopped with this object) with the emulator's own keys.
/// </summary>
public sealed class ServiceConnection : IAsyncDisposable
{
    // Redirects off: no key or record follows a Location to another address (see UsageHttpHandler).
    private readonly HttpClient _http = new(UsageHttpHandler.Create()) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ConnectionSettings _settings;

    private ServiceConnection(ConnectionSettings settings, EmulatorHost? emulator)
    {
        _settings = settings;
        Emulator = emulator;
    }

    /// <summary>The embedded emulator, when one was asked for.</summary>
    public EmulatorHost? Emulator { get; }

    /// <summary>The HTTP client the service clients share.</summary>
    public HttpClient Http => _http;

    /// <summary>Opens a connection to the service at <see cref="ConnectionSettings.Url"/>. There is no fallback: without a URL this throws, it never starts an emulator.</summary>
    /// <param name="settings">Where and how; <see cref="ConnectionSettings.Url"/> is required.</param>
    /// <param name="cancellationToken">Unused: nothing is contacted before the first request.</param>
    public static Task<ServiceConnection> OpenAsync(ConnectionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        return settings.Url is null
            ? throw new ArgumentException("A connection needs the service's URL; the embedded emulator is started only by StartEmulatorAsync.", nameof(settings))
            : Task.FromResult(new ServiceConnection(settings, null));
    }

    /// <summary>Starts an in-memory emulator for this connection (stopped with it), used with the emulator's own keys: for <c>demo</c> and <c>--emulator</c> only.</summary>
    /// <param name="settings">Timeout and retries; the URL, key file and site are not used.</param>
    /// <param name="log">Where to say that an embedded emulator is used.</param>
    /// <param name="amieLoadDelay">The embedded emulator's AMIE load delay.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ServiceConnection> StartEmulatorAsync(ConnectionSettings settings, TextWriter log, TimeSpan? amieLoadDelay = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var options = new EmulatorOptions { StoragePath = EmulatorOptions.InMemoryStorage, AmieLoadDelay = amieLoadDelay ?? TimeSpan.FromMilliseconds(200) };
        var emulator = await EmulatorHost.StartAsync(options, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"(--emulator: using an embedded in-memory emulator at {emulator.BaseAddress}; nothing is kept after this command)").ConfigureAwait(false);
        return new ServiceConnection(settings with { Url = null }, emulator);
    }

    /// <summary>The AMIE sender.</summary>
    public AmieUsageSender Amie()
    {
        var options = Emulator is { } emulator
            ? new AmieClientOptions { BaseAddress = emulator.AmieBaseAddress, SiteName = emulator.Options.AmieSiteName, ApiKey = new Secret(emulator.Options.AmieApiKey) }
            : new AmieClientOptions
            {
                BaseAddress = _settings.Url,
                SiteName = _settings.Site ?? Environment.GetEnvironmentVariable(ConnectionSettings.AmieSiteVariable)
                    ?? throw new CliUsageException($"AMIE needs a site name: give --site or set {ConnectionSettings.AmieSiteVariable}."),
                ApiKey = Key(ConnectionSettings.AmieKeyVariable, "AMIE API key"),
            };
        Tune(options.Resilience);
        return new AmieUsageSender(_http, options);
    }

    /// <summary>The Gateway Attributes client.</summary>
    public GatewayAttributesClient Gateway()
    {
        GatewayAttributesClientOptions options;
        if (Emulator is { } emulator)
        {
            options = new GatewayAttributesClientOptions { BaseAddress = emulator.GatewayBaseAddress, ApiKey = new Secret(emulator.Options.GatewayApiKey) };
        }
        else if (_settings.KeyFile is { } file)
        {
            try
            {
                options = new GatewayAttributesClientOptions { BaseAddress = _settings.Url, ApiKey = GatewayApiKeyFile.Load(file) };
            }
            catch (SecretSourceException exception)
            {
                throw new CliUsageException(exception.Message, exception);
            }
        }
        else
        {
            options = new GatewayAttributesClientOptions { BaseAddress = _settings.Url, ApiKey = Key(ConnectionSettings.GatewayKeyVariable, "gateway API key") };
        }

        Tune(options.Resilience);
        return new GatewayAttributesClient(_http, options);
    }

    /// <summary>The PERSEUS client.</summary>
    public PerseusUsageClient Perseus()
    {
        var options = Emulator is { } emulator
            ? new PerseusClientOptions { BaseAddress = emulator.PerseusBaseAddress, Token = new Secret(emulator.Options.PerseusToken) }
            : new PerseusClientOptions { BaseAddress = _settings.Url, Token = Key(ConnectionSettings.PerseusTokenVariable, "PERSEUS token") };
        Tune(options.Resilience);
        return new PerseusUsageClient(_http, options);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Tune(ResilienceOptions resilience)
    {
        if (_settings.AttemptTimeout is { } timeout)
        {
            resilience.AttemptTimeout = timeout;
        }

        if (_settings.MaxRetries is { } retries)
        {
            resilience.MaxRetryAttempts = retries;
        }
    }

    // One reader for every key: the file's owner, mode and single line are checked (SecretReader), and
    // an environment variable meets the same rules; a refusal is a usage error (exit 64).
    private Secret Key(string variable, string what)
    {
        try
        {
            return _settings.KeyFile is { } file
                ? SecretReader.FromFile(file)
                : SecretReader.FromEnvironment(variable)
                    ?? throw new CliUsageException($"No {what}: give --key-file FILE or set {variable} (keys are never taken from the command line).");
        }
        catch (SecretSourceException exception)
        {
            throw new CliUsageException(exception.Message, exception);
        }
    }
}
