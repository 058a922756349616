using System.Globalization;
using System.Text.Json;
using UsageSchema.Amie.Sending;
using UsageSchema.Emulator;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Outbox.Dispatch;
using UsageSchema.Perseus;
using UsageSchema.Perseus.Client;
using UsageSchema.Resilience;
using UsageSchema.Secrets;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox.Tests;

/// <summary>The emulator on loopback with clients and dispatchers pointed at it, and readers of what it stored.</summary>
internal sealed class EmulatorRig : IAsyncDisposable
{
    public const string ProjectOid = "0123456789abcdef01234567";

    private EmulatorRig(EmulatorHost emulator) => Emulator = emulator;

    public EmulatorHost Emulator { get; }

    public HttpClient Http { get; } = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Starts the emulator, storing in <paramref name="storagePath"/> (in memory by default).</summary>
    public static async Task<EmulatorRig> StartAsync(string storagePath = EmulatorOptions.InMemoryStorage) =>
        new(await EmulatorHost.StartAsync(new EmulatorOptions { StoragePath = storagePath, AmieLoadDelay = TimeSpan.Zero }));

    public static ResilienceOptions FastRetries(int retries) => new()
    {
        MaxRetryAttempts = retries,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(20),
        UseJitter = false,
        MaxRetryAfter = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(30),
    };

    public AmieUsageSender Amie(int retries = 3, string? apiKey = null, HttpClient? http = null) => new(http ?? Http, new AmieClientOptions
    {
        BaseAddress = Emulator.AmieBaseAddress,
        SiteName = Emulator.Options.AmieSiteName,
        ApiKey = new Secret(apiKey ?? Emulator.Options.AmieApiKey),
        Resilience = FastRetries(retries),
    });

    public OutboxDispatcher Dispatcher(IUsageOutbox outbox, int retries = 3, int batchSize = 500, HttpClient? amieHttp = null) => new(
        outbox,
        Amie(retries, http: amieHttp),
        new PerseusUsageClient(Http, new PerseusClientOptions { BaseAddress = Emulator.PerseusBaseAddress, Token = new Secret(Emulator.Options.PerseusToken), Resilience = FastRetries(retries) }),
        new GatewayAttributesClient(Http, new GatewayAttributesClientOptions { BaseAddress = Emulator.GatewayBaseAddress, ApiKey = new Secret(Emulator.Options.GatewayApiKey), Resilience = FastRetries(retries) }),
        new OutboxDispatcherOptions { BatchSize = batchSize });

    /// <summary>Enqueues <paramref name="amie"/> compute records (<c>r0</c>, <c>r1</c>, ...), reports and jobs, and optionally one invalid record per API.</summary>
    public static async Task<(int Amie, int Perseus, int Gateway)> EnqueueMixAsync(IUsageOutbox outbox, int amie, int perseus, int gateway, bool withInvalid)
    {
        var records = new List<IUsageRecord>();
        records.AddRange(Enumerable.Range(0, amie).Select(i => Records.Compute(AmieId(i))));
        records.AddRange(Enumerable.Range(0, perseus).Select(i => Records.Report(i, user: "user" + Id(i))));
        records.AddRange(Enumerable.Range(0, gateway).Select(i => Records.Job(1000 + i)));
        if (withInvalid)
        {
            var noUser = Records.Compute("bad-1");
            noUser.Username = null!;
            records.Add(noUser);
            var badOid = Records.Report(1, user: "bad");
            badOid.ProjectOid = "not-an-oid";
            records.Add(badOid);
            records.Add(Records.Job(1, resource: "nowhere.example.org"));
        }

        await outbox.EnqueueRecordsAsync(records);
        return (amie, perseus, gateway);
    }

    /// <summary>The <c>LocalRecordID</c> <see cref="EnqueueMixAsync"/> gives the <paramref name="i"/>-th AMIE record.</summary>
    public static string AmieId(int i) => "r" + Id(i);

    public async Task<long> AmieLoadedAsync() => (await Amie().GetStatusAsync()).Sum(resource => resource.LoadedRecordCount);

    public async Task<List<UsageReport>> PerseusStoredAsync()
    {
        // The installation's listing is a GET on the report path (not an operation of the spec).
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Emulator.PerseusBaseAddress, PerseusOperations.ReportUsage.RelativePath(ProjectOid)));
        request.Headers.Add(PerseusOperations.SecuritySchemes.PerseusToken, Emulator.Options.PerseusToken);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonSerializer.Deserialize<List<UsageReport>>(await response.Content.ReadAsStringAsync(), UsageJson.Options)!;
    }

    public async Task<int> GatewayStoredAsync() =>
        (await new GatewayAttributesClient(Http, new GatewayAttributesClientOptions { BaseAddress = Emulator.GatewayBaseAddress, ApiKey = new Secret(Emulator.Options.GatewayApiKey) })
            .GetLastJobsAsync()).Result!.Count;

    public static long CountOf(IReadOnlyList<OutboxCount> counts, UsageApi api, OutboxState state) =>
        counts.Where(count => count.Api == api && count.State == state).Sum(count => count.Count);

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Http.Dispose();
    }

    private static string Id(int i) => i.ToString(CultureInfo.InvariantCulture);
}
