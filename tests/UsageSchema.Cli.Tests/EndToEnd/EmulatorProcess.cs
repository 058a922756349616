using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// <c>usage-schema emulate</c> as its own process on a free loopback port, storing into a SQLite file
/// in a temporary folder, with the fault switches it was given. Disposing kills it (and its children)
/// and, when it made the folder, deletes the folder.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    /// <summary>The emulator's default credentials (src/UsageSchema.Emulator/README.md).</summary>
    public const string AmieSite = "EMULATOR";
    public const string AmieKey = "amie-emulator-key";
    public const string PerseusToken = "perseus-emulator-token";
    public const string GatewayKey = "gateway-emulator-key";

    /// <summary>The grant every gateway job is charged to (the emulator's default).</summary>
    public const string GatewayGrant = "TG-EMU000000";

    private readonly Process _process;
    private bool _ownsFolder;
    private readonly StringBuilder _errors = new();

    private EmulatorProcess(Process process, string folder, bool ownsFolder, JsonElement addresses)
    {
        _process = process;
        _ownsFolder = ownsFolder;
        Folder = folder;
        Amie = new Uri(addresses.GetProperty("amie").GetString()!);
        Gateway = new Uri(addresses.GetProperty("gateway").GetString()!);
        Perseus = new Uri(addresses.GetProperty("perseus").GetString()!);
        BaseAddress = new Uri(addresses.GetProperty("baseAddress").GetString()!);
        process.ErrorDataReceived += (_, line) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public string Folder { get; }

    public string Database => Path.Combine(Folder, "emulator.db");

    public Uri Amie { get; }

    public Uri Gateway { get; }

    public Uri Perseus { get; }

    public Uri BaseAddress { get; }

    /// <summary>The environment a CLI process needs to talk to this emulator.</summary>
    public static IReadOnlyDictionary<string, string> Secrets { get; } = new Dictionary<string, string>
    {
        ["USAGE_SCHEMA_AMIE_API_KEY"] = AmieKey,
        ["USAGE_SCHEMA_AMIE_SITE"] = AmieSite,
        ["USAGE_SCHEMA_PERSEUS_TOKEN"] = PerseusToken,
        ["USAGE_SCHEMA_GATEWAY_API_KEY"] = GatewayKey,
    };

    /// <summary>The service URL the CLI's <c>--url</c> takes.</summary>
    public Uri UrlOf(string service) => service switch
    {
        "amie" => Amie,
        "perseus" => Perseus,
        "gateway" => Gateway,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "amie, perseus or gateway"),
    };

    /// <summary>Starts an emulator with a new, empty store and the given switches (<c>--error-rate 0.3</c> ...).</summary>
    public static Task<EmulatorProcess> StartAsync(params string[] switches) =>
        StartAsync(Directory.CreateTempSubdirectory("usage-schema-e2e-").FullName, ownsFolder: true, switches);

    /// <summary>
    /// Stops this emulator and starts a fault-free one on the same SQLite file, so what the services
    /// stored can be read back over HTTP without the injected faults getting in the way (and the
    /// store is shown to survive a restart). The new process owns the folder from then on.
    /// </summary>
    public async Task<EmulatorProcess> RestartWithoutFaultsAsync()
    {
        await StopAsync();
        var successor = await StartAsync(Folder, ownsFolder: _ownsFolder);
        _ownsFolder = false;
        return successor;
    }

    private static async Task<EmulatorProcess> StartAsync(string folder, bool ownsFolder, params string[] switches)
    {
        var args = new List<string> { "emulate", "--port", "0", "--db", Path.Combine(folder, "emulator.db"), "--json", "--load-delay", "0" };
        args.AddRange(switches);
        var process = CliProcess.Start(null, [.. args]);
        try
        {
            // The addresses come as one indented JSON object; read it whole.
            var json = new StringBuilder();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"The emulator ended before printing its addresses: {await process.StandardError.ReadToEndAsync(timeout.Token)}");
                json.AppendLine(line);
                if (line == "}")
                {
                    break;
                }
            }

            using var document = JsonDocument.Parse(json.ToString());
            return new EmulatorProcess(process, folder, ownsFolder, document.RootElement.Clone());
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Stops the emulator with SIGTERM (it closes its store cleanly), killing it if it does not end within 15 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>What the emulator wrote on standard error (for failure messages).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            if (_ownsFolder && Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
    }
}
