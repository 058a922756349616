using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace UsageSchema.Emulator;

/// <summary>
/// A local emulator of the three usage services on one Kestrel listener (127.0.0.1, a free port by
/// default): the AMIE Usage API under <see cref="AmieBaseAddress"/>, the Gateway Attributes API under
/// <see cref="GatewayBaseAddress"/> and PERSEUS under <see cref="PerseusBaseAddress"/>, each usable as
/// the <c>BaseAddress</c> of the matching client's options.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { StoragePath = EmulatorOptions.InMemoryStorage });
/// var amie = new AmieClientOptions { BaseAddress = emulator.AmieBaseAddress, SiteName = emulator.Options.AmieSiteName, ApiKey = new Secret(emulator.Options.AmieApiKey) };
/// </code>
/// </example>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorStore _store;
    private Uri? _baseAddress;
    private bool _disposed;

    /// <summary>Creates a host with the given settings (the defaults when null); <see cref="StartAsync(CancellationToken)"/> starts it.</summary>
    /// <param name="options">The settings; kept, so that <see cref="EmulatorOptions.Faults"/> can be changed while the host runs.</param>
    public EmulatorHost(EmulatorOptions? options = null)
    {
        Options = options ?? new EmulatorOptions();
        _store = new EmulatorStore(Options.StoragePath);
        try
        {
            _app = Build(Options, _store);
        }
        catch
        {
            _store.Dispose();
            throw;
        }
    }

    /// <summary>The settings the host runs with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The fault injection switches; a shortcut for <c>Options.Faults</c>.</summary>
    public FaultOptions Faults => Options.Faults;

    /// <summary>The listener's root, e.g. <c>http://127.0.0.1:49152/</c>.</summary>
    /// <exception cref="InvalidOperationException">The host is not started.</exception>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The emulator is not started; call StartAsync first.");

    /// <summary>The AMIE Usage API's base URL, ending in <c>/amie/api/v1/</c>.</summary>
    public Uri AmieBaseAddress => new(BaseAddress, EmulatorRoutes.AmiePrefix.TrimStart('/') + "/");

    /// <summary>The Gateway Attributes API's base URL, ending in <c>/acdb/</c>.</summary>
    public Uri GatewayBaseAddress => new(BaseAddress, EmulatorRoutes.GatewayPrefix.TrimStart('/') + "/");

    /// <summary>PERSEUS's base URL, proxy prefix included, ending in <c>/perseus/api/</c>.</summary>
    public Uri PerseusBaseAddress => new(BaseAddress, EmulatorRoutes.PerseusPrefix.TrimStart('/') + "/");

    /// <summary>Creates and starts a host.</summary>
    /// <param name="options">The settings; the defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options, CancellationToken cancellationToken = default)
    {
        var host = new EmulatorHost(options);
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts listening; <see cref="BaseAddress"/> is known when this completes.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>Stops listening and closes the storage.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _store.Dispose();
        }
    }

    private static WebApplication Build(EmulatorOptions options, EmulatorStore store)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.ListenAddress, options.Port);
            kestrel.AddServerHeader = false;

            // Each service enforces EmulatorOptions.MaxRequestBodyBytes itself, answering 413 in its own format.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging => options.ConfigureLogging?.Invoke(logging));

        // Read the specs now, so that a spec the acceptance engine cannot read stops the start, not the first request.
        _ = Acceptance.AcceptanceEngine.Shared;

        var app = builder.Build();
        app.UseMiddleware<FaultMiddleware>(options);
        app.UseRouting();
        new AmieService(store, options).Map(app);
        new GatewayService(store, options).Map(app);
        new PerseusService(store, options).Map(app);
        return app;
    }
}
