using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Perseus;
using UsageSchema.Perseus.Client;
using UsageSchema.Resilience;
using UsageSchema.Secrets;

namespace UsageSchema.Emulator.Tests;

/// <summary>A started in-memory emulator and clients pointed at it; one per test.</summary>
internal sealed class EmulatorFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private EmulatorFixture(EmulatorHost host, ManualClock clock)
    {
        Host = host;
        Clock = clock;
        Http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    public EmulatorHost Host { get; }

    public ManualClock Clock { get; }

    public HttpClient Http { get; }

    public static async Task<EmulatorFixture> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var clock = new ManualClock(Start);
        var options = new EmulatorOptions { StoragePath = EmulatorOptions.InMemoryStorage, TimeProvider = clock, AmieLoadDelay = TimeSpan.FromMinutes(5) };
        configure?.Invoke(options);
        var host = await EmulatorHost.StartAsync(options);
        return new EmulatorFixture(host, clock);
    }

    public static ResilienceOptions FastRetries(int retries = 3) => new()
    {
        MaxRetryAttempts = retries,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        UseJitter = false,
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(30),
    };

    public AmieUsageSender Amie(Action<AmieClientOptions>? configure = null)
    {
        var options = new AmieClientOptions
        {
            BaseAddress = Host.AmieBaseAddress,
            SiteName = Host.Options.AmieSiteName,
            ApiKey = new Secret(Host.Options.AmieApiKey),
            Resilience = FastRetries(),
        };
        configure?.Invoke(options);
        return new AmieUsageSender(Http, options);
    }

    public GatewayAttributesClient Gateway(Action<GatewayAttributesClientOptions>? configure = null)
    {
        var options = new GatewayAttributesClientOptions
        {
            BaseAddress = Host.GatewayBaseAddress,
            ApiKey = new Secret(Host.Options.GatewayApiKey),
            Resilience = FastRetries(),
        };
        configure?.Invoke(options);
        return new GatewayAttributesClient(Http, options);
    }

    public PerseusUsageClient Perseus(Action<PerseusClientOptions>? configure = null)
    {
        var options = new PerseusClientOptions
        {
            BaseAddress = Host.PerseusBaseAddress,
            Token = new Secret(Host.Options.PerseusToken),
            Resilience = FastRetries(),
        };
        configure?.Invoke(options);
        return new PerseusUsageClient(Http, options);
    }

    public HttpRequestMessage AmieRequest(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(Host.AmieBaseAddress, path)) { Content = content };
        // The spec's header names, in another case than the spec writes them: header names are case-insensitive,
        // and the service takes the site name in any case too.
        request.Headers.Add(AmieUsageOperations.SecuritySchemes.XaApiKey.ToLowerInvariant(), Host.Options.AmieApiKey);
        request.Headers.Add(AmieUsageOperations.SecuritySchemes.XaSite.ToLowerInvariant(), Host.Options.AmieSiteName.ToLowerInvariant());
        return request;
    }

    public static ComputeUsageRecord Compute(string localRecordId, string resource = "expanse.sdsc.access-ci.org", string charge = "2.5") => new()
    {
        Username = "jdoe",
        LocalProjectId = "csd123",
        LocalRecordId = localRecordId,
        Resource = resource,
        SubmitTime = "2026-03-01T08:15:00-08:00",
        StartTime = "2026-03-01T08:20:12-08:00",
        EndTime = "2026-03-01T10:20:12-08:00",
        Charge = charge,
        Attributes = new ComputeAttributes { NodeCount = 1, CpuCoreCount = 4 },
    };

    public static UsageReport Report(double value, string user = "jdoe") => new()
    {
        ProjectOid = "0123456789abcdef01234567",
        ComputeProjectId = "hpc-prf-test",
        ResourceId = "noctua2-cpu",
        Start = "2026-03-01T00:00:00+00:00",
        End = "2026-03-02T00:00:00+00:00",
        Value = value,
        User = user,
        Partition = "normal",
        Priority = "default",
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
