using System.Net;
using System.Text;
using UsageSchema.Amie.Sending;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Outbox.Dispatch;
using UsageSchema.Secrets;

namespace UsageSchema.Outbox.Tests;

/// <summary>
/// What the dispatcher does with each class of answer (see <see cref="DeliveryOutcomes"/>), against the
/// emulator on loopback with a scripted handler in front of it for the answers the emulator does not give.
/// </summary>
public sealed class DispatcherAnswerTests : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new();
    private EmulatorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await EmulatorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_404_from_a_wrong_prefix_leaves_the_entries_pending_and_the_right_url_delivers_them()
    {
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2"), Records.Job(1)]);
        var wrongAmie = new AmieUsageSender(_rig.Http, new AmieClientOptions
        {
            BaseAddress = WrongPrefix(_rig.Emulator.AmieBaseAddress),
            SiteName = _rig.Emulator.Options.AmieSiteName,
            ApiKey = new Secret(_rig.Emulator.Options.AmieApiKey),
            Resilience = EmulatorRig.FastRetries(0),
        });
        var wrongGateway = new GatewayAttributesClient(_rig.Http, new GatewayAttributesClientOptions
        {
            BaseAddress = WrongPrefix(_rig.Emulator.GatewayBaseAddress),
            ApiKey = new Secret(_rig.Emulator.Options.GatewayApiKey),
            Resilience = EmulatorRig.FastRetries(0),
        });

        var wrong = await new OutboxDispatcher(outbox, wrongAmie, null, wrongGateway).DispatchAsync();

        Assert.Equal((3, 0, 0, 3), (wrong.Claimed, wrong.Delivered, wrong.Rejected, wrong.Released));
        Assert.Contains("404", wrong.StoppedBy, StringComparison.Ordinal);
        var pending = await outbox.ListAsync(new OutboxQuery(State: OutboxState.Pending));
        Assert.Equal(3, pending.Count);
        Assert.All(pending, entry => Assert.Contains("404", entry.LastError, StringComparison.Ordinal));

        var right = await _rig.Dispatcher(outbox).DispatchAsync();
        Assert.Equal(3, right.Delivered);
        Assert.Equal(2, await _rig.AmieLoadedAsync());
        Assert.Equal(1, await _rig.GatewayStoredAsync());
    }

    [Fact]
    public async Task A_400_on_a_three_record_request_is_split_and_rejects_only_the_bad_record()
    {
        var posts = 0;
        using var http = new HttpClient(new Scripted(async request =>
        {
            if (request.Method != HttpMethod.Post)
            {
                return null;
            }

            Interlocked.Increment(ref posts);
            var body = await request.Content!.ReadAsStringAsync();
            return body.Contains("\"LocalRecordID\":\"bad\"", StringComparison.Ordinal)
                ? Json(HttpStatusCode.BadRequest, """{"error": "Charge must not exceed the allocation"}""")
                : null;
        }));
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        await outbox.EnqueueRecordsAsync([Records.Compute("good1"), Records.Compute("bad"), Records.Compute("good2")]);

        var report = await _rig.Dispatcher(outbox, retries: 0, amieHttp: http).DispatchAsync();

        Assert.Equal((3, 2, 1, 0), (report.Claimed, report.Delivered, report.Rejected, report.Released));
        var rejected = Assert.Single(await outbox.ListAsync(new OutboxQuery(State: OutboxState.Rejected)));
        Assert.Contains("\"bad\"", rejected.DedupeKey, StringComparison.Ordinal);
        Assert.Contains("Charge must not exceed the allocation", rejected.LastError, StringComparison.Ordinal);
        Assert.Equal(2, await _rig.AmieLoadedAsync());
        Assert.True(posts >= 3, $"the request was split ({posts} POSTs)");
    }

    [Fact]
    public async Task Retry_after_keeps_the_released_entries_unclaimable_across_passes_until_then()
    {
        var throttled = 0;
        using var http = new HttpClient(new Scripted(request =>
        {
            if (request.Method != HttpMethod.Post || Interlocked.Increment(ref throttled) > 1)
            {
                return Task.FromResult<HttpResponseMessage?>(null);
            }

            var answer = Json(HttpStatusCode.TooManyRequests, """{"error": "slow down"}""");
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(120));
            return Task.FromResult<HttpResponseMessage?>(answer);
        }));
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var outbox = SqliteUsageOutbox.Open(new SqliteOutboxOptions { Path = _dir.File(), TimeProvider = clock });
        await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);
        var dispatcher = _rig.Dispatcher(outbox, retries: 0, amieHttp: http);

        var first = await dispatcher.DispatchAsync();
        var tooSoon = await dispatcher.DispatchAsync();
        clock.Advance(TimeSpan.FromSeconds(119));
        var stillTooSoon = await dispatcher.DispatchAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        var after = await dispatcher.DispatchAsync();

        Assert.Equal((2, 0, 0, 2), (first.Claimed, first.Delivered, first.Rejected, first.Released));
        Assert.Equal(new DispatchReport(0, 0, 0, 0), tooSoon);
        Assert.Equal(new DispatchReport(0, 0, 0, 0), stillTooSoon);
        Assert.Equal(2, after.Delivered);
        Assert.Equal(2, await _rig.AmieLoadedAsync());
    }

    [Fact]
    public async Task A_send_slower_than_the_lease_keeps_its_claim_while_it_runs()
    {
        using var http = new HttpClient(new Scripted(async request =>
        {
            if (request.Method == HttpMethod.Post)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1500));
            }

            return null;
        }));
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        await using var otherSender = SqliteUsageOutbox.Open(_dir.File());
        await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2")]);
        var dispatcher = new OutboxDispatcher(outbox, _rig.Amie(retries: 0, http: http), null, null, new OutboxDispatcherOptions
        {
            Lease = TimeSpan.FromMilliseconds(400),
            LeaseRenewal = TimeSpan.FromMilliseconds(100),
        });

        var pass = dispatcher.DispatchAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(900)); // more than twice the lease into the send
        var stolen = await otherSender.ClaimAsync(10, TimeSpan.FromMinutes(1));
        var report = await pass;

        Assert.Empty(stolen);
        Assert.Equal(2, report.Delivered);
        Assert.Equal(2, await _rig.AmieLoadedAsync());
        Assert.Empty(await _rig.Amie().GetFailedRecordsAsync());
    }

    [Fact]
    public async Task A_gateway_reply_that_is_not_job_attributes_leaves_the_job_pending()
    {
        using var http = new HttpClient(new Scripted(request => Task.FromResult<HttpResponseMessage?>(request.Method == HttpMethod.Post
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("The service is in maintenance until 18:00.", Encoding.UTF8, "text/plain") }
            : null)));
        await using var outbox = SqliteUsageOutbox.Open(_dir.File());
        await outbox.EnqueueRecordsAsync([Records.Job(1)]);
        var maintenance = new GatewayAttributesClient(http, new GatewayAttributesClientOptions
        {
            BaseAddress = _rig.Emulator.GatewayBaseAddress,
            ApiKey = new Secret(_rig.Emulator.Options.GatewayApiKey),
            Resilience = EmulatorRig.FastRetries(0),
        });

        var report = await new OutboxDispatcher(outbox, null, null, maintenance).DispatchAsync();

        Assert.Equal(0, report.Rejected + report.Delivered);
        var entry = Assert.Single(await outbox.ListAsync());
        Assert.Equal(OutboxState.Pending, entry.State);
        Assert.Contains("none of the documented ones", entry.LastError, StringComparison.Ordinal);
        Assert.Equal(1, (await _rig.Dispatcher(outbox).DispatchAsync()).Delivered);
    }

    private static Uri WrongPrefix(Uri right) => new(right, "/not-the-prefix" + right.AbsolutePath);

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>Answers what the script returns; passes the request on to the emulator when it returns null.</summary>
    private sealed class Scripted(Func<HttpRequestMessage, Task<HttpResponseMessage?>> script) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (await script(request).ConfigureAwait(false) is { } answer)
            {
                answer.RequestMessage = request;
                return answer;
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
