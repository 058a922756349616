namespace UsageSchema.Emulator;

/// <summary>Settings of an <see cref="EmulatorHost"/>. They are read once, when the host starts, except <see cref="Faults"/>, which is read on every request.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The value of <see cref="StoragePath"/> that keeps everything in memory (lost when the host stops).</summary>
    public const string InMemoryStorage = ":memory:";

    /// <summary>The default SQLite file, relative to the current directory.</summary>
    public const string DefaultStoragePath = "usage-schema-emulator.db";

    /// <summary>The address to listen on. Default 127.0.0.1; the emulator is meant for loopback only.</summary>
    public System.Net.IPAddress ListenAddress { get; set; } = System.Net.IPAddress.Loopback;

    /// <summary>The TCP port; 0 (the default) picks a free one, see <see cref="EmulatorHost.BaseAddress"/>.</summary>
    public int Port { get; set; }

    /// <summary>The SQLite file the emulated services store into, or <see cref="InMemoryStorage"/>. Default <see cref="DefaultStoragePath"/>.</summary>
    public string StoragePath { get; set; } = DefaultStoragePath;

    /// <summary>The site name AMIE expects in <c>XA-SITE</c> (compared case-insensitively). Default <c>EMULATOR</c>.</summary>
    public string AmieSiteName { get; set; } = "EMULATOR";

    /// <summary>The key AMIE expects in <c>XA-API-KEY</c>. Default <c>amie-emulator-key</c>.</summary>
    public string AmieApiKey { get; set; } = "amie-emulator-key";

    /// <summary>
    /// The most bytes one AMIE request body may have; a larger one is answered <c>413</c>. Default
    /// 1024 KiB, the limit the AMIE documentation states.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long after it was queued an AMIE record counts as loaded in <c>/usage/status</c>. Default 2 s.</summary>
    public TimeSpan AmieLoadDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The key the Gateway Attributes API expects in <c>XA-API-Key</c> (or the legacy <c>apikey</c> field). Default <c>gateway-emulator-key</c>.</summary>
    public string GatewayApiKey { get; set; } = "gateway-emulator-key";

    /// <summary>The gateway the key belongs to, echoed as <c>Gateway Name</c>. Default <c>emulator-gateway</c>.</summary>
    public string GatewayName { get; set; } = "emulator-gateway";

    /// <summary>The allocation (grant) the gateway's jobs are charged to: their <c>charge_number</c>, and what <c>by_proj_dates</c> matches. Default <c>TG-EMU000000</c>.</summary>
    public string GatewayGrantNumber { get; set; } = "TG-EMU000000";

    /// <summary>The valid <c>xsederesourcename</c> values; any other is answered with <c>Did you mean one of these?</c>.</summary>
    public IList<string> GatewayResourceNames { get; } = new List<string>
    {
        "expanse.sdsc.xsede.org", "bridges2.psc.xsede.org", "stampede3.tacc.xsede.org", "delta.ncsa.xsede.org", "anvil.purdue.xsede.org",
    };

    /// <summary>The token PERSEUS expects in <c>Perseus-Token</c>. Default <c>perseus-emulator-token</c>.</summary>
    public string PerseusToken { get; set; } = "perseus-emulator-token";

    /// <summary>Fault injection; may be changed while the host runs.</summary>
    public FaultOptions Faults { get; set; } = new();

    /// <summary>The clock for AMIE queue and load times. Default <see cref="TimeProvider.System"/>; tests may move a clock of their own.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Configures logging; by default the host logs nothing.</summary>
    public Action<Microsoft.Extensions.Logging.ILoggingBuilder>? ConfigureLogging { get; set; }
}
