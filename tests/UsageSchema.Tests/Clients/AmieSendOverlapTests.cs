using System.Net;
using System.Text;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.DependencyInjection;
using UsageSchema.Errors;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// The streamed send overlaps packing with the request on the wire, keeps at most
/// <see cref="AmieClientOptions.MaxRequestsInFlight"/> requests out, and still reports every outcome in
/// request order. No test here measures time: each one waits for an event that only the overlap can
/// bring about, and fails (rather than hangs) when it does not come.
/// </summary>
public sealed class AmieSendOverlapTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_next_request_is_packed_while_the_current_one_is_on_the_wire()
    {
        // One record a request: request #0 is complete when record 1 is added, #1 when record 2 is.
        // The first POST is answered only once the sender has asked the input for record 2, which a
        // sender that waits for each answer before reading on would never do.
        var thirdAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new GatedHandler(async (index, token) =>
        {
            if (index == 0)
            {
                await thirdAsked.Task.WaitAsync(Patience, token);
            }

            return Ok();
        });
        var sender = Sender(handler, maxInFlight: 1);

        var result = await sender.SendAsync(Records(3, onAsked: index =>
        {
            if (index == 2)
            {
                thirdAsked.TrySetResult();
            }
        }));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal([0L, 1L, 2L], result.Requests.Select(request => request.FirstRecordIndex));
        Assert.Equal(1, handler.MostAtOnce);
    }

    [Fact]
    public async Task At_the_default_one_request_is_on_the_wire_at_a_time()
    {
        var handler = new GatedHandler(async (_, token) =>
        {
            await Task.Yield();
            return Ok();
        });
        var sender = Sender(handler, maxInFlight: null);

        var result = await sender.SendAsync(Records(20));

        Assert.Equal(20, result.Requests.Count);
        Assert.Equal(1, handler.MostAtOnce);
        Assert.Equal(20, result.RecordsAccepted);
    }

    [Fact]
    public async Task With_several_in_flight_answers_that_come_back_in_reverse_are_still_reported_in_request_order()
    {
        // Three requests are held until all three are on the wire, then answered last first.
        var arrived = 0;
        var allThere = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = new[] { new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var handler = new GatedHandler(async (index, token) =>
        {
            if (index < 3)
            {
                if (Interlocked.Increment(ref arrived) == 3)
                {
                    allThere.TrySetResult();
                }

                await allThere.Task.WaitAsync(Patience, token);
                if (index < 2)
                {
                    await answered[index + 1].Task.WaitAsync(Patience, token);
                }

                answered[index].TrySetResult();
            }

            return Ok("answer " + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        var sender = Sender(handler, maxInFlight: 3);
        var observer = new ListObserver();

        var result = await sender.SendAsync(Records(4), observer);

        Assert.Equal(3, handler.MostAtOnce);
        Assert.Equal([0L, 1L, 2L, 3L], result.Requests.Select(request => request.FirstRecordIndex));
        Assert.Equal([0L, 1L, 2L, 3L], observer.Answered.Select(request => request.FirstRecordIndex));
        Assert.Equal(["answer 0", "answer 1", "answer 2", "answer 3"], result.Requests.Select(request => request.Response!.Message));
    }

    [Fact]
    public async Task The_observer_hears_each_outcome_with_its_records_and_each_record_kept_back()
    {
        var handler = new GatedHandler((_, _) => Task.FromResult(Ok()));
        var sender = Sender(handler, maxInFlight: 1, maxRecords: 2);
        var invalid = TestRecords.Compute("bad");
        invalid.Charge = "not a number";
        var observer = new ListObserver();

        var result = await sender.SendAsync(Stream(TestRecords.Compute("a"), invalid, TestRecords.Compute("b"), TestRecords.Compute("c")), observer);

        var keptBack = Assert.Single(observer.KeptBackRecords);
        Assert.Equal(1, keptBack.Index);
        Assert.Equal(LocalFailureReason.Invalid, keptBack.Reason);
        Assert.Equal([[0L, 2L], [3L]], observer.RecordsOf.Select(records => records.Select(record => record.Index).ToArray()));
        Assert.Equal(["a", "b"], observer.RecordsOf[0].Select(record => record.LocalRecordId));
        Assert.Equal(3, result.RecordsAccepted);
        Assert.Equal(result.Requests, observer.Answered);
    }

    [Fact]
    public async Task Refused_credentials_stop_the_send_and_no_later_request_goes_out()
    {
        var handler = new GatedHandler((index, _) => Task.FromResult(index == 0 ? new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("") } : Ok()));
        var sender = Sender(handler, maxInFlight: 1);

        var result = await sender.SendAsync(Records(10));

        Assert.IsType<ServiceAuthenticationException>(result.StoppedBy);
        Assert.Equal(1, handler.Count);
        Assert.Equal(0, result.RecordsAccepted);
    }

    [Fact]
    public async Task Requests_already_on_the_wire_when_the_service_stops_the_send_are_still_reported()
    {
        // Two out at once: the first is refused (401) only after the second was accepted.
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new GatedHandler(async (index, token) =>
        {
            if (index == 0)
            {
                await secondDone.Task.WaitAsync(Patience, token);
                return new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("") };
            }

            secondDone.TrySetResult();
            return Ok();
        });
        var sender = Sender(handler, maxInFlight: 2);

        var result = await sender.SendAsync(Records(10));

        Assert.IsType<ServiceAuthenticationException>(result.StoppedBy);
        Assert.Equal(2, handler.Count);
        Assert.Equal(2, result.Requests.Count);
        Assert.False(result.Requests[0].Succeeded);
        Assert.True(result.Requests[1].Succeeded);
        Assert.Equal(1, result.RecordsAccepted);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Requests_in_flight_outside_1_to_16_are_refused_by_name(int value)
    {
        var options = ClientFactory.AmieOptions();
        options.MaxRequestsInFlight = value;

        var result = new AmieClientOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("AmieClientOptions.MaxRequestsInFlight", result.FailureMessage, StringComparison.Ordinal);
    }

    private static AmieUsageSender Sender(GatedHandler handler, int? maxInFlight, int maxRecords = 1)
    {
        var options = ClientFactory.AmieOptions();
        options.MaxRecordsPerRequest = maxRecords;
        if (maxInFlight is { } inFlight)
        {
            options.MaxRequestsInFlight = inFlight;
        }

        return new AmieUsageSender(new HttpClient(handler), options);
    }

    private static HttpResponseMessage Ok(string message = "ok") =>
        new(HttpStatusCode.OK) { Content = new StringContent($"{{\"Message\":\"{message}\",\"ValidationFailedRecords\":[]}}", Encoding.UTF8, "application/json") };

    private static async IAsyncEnumerable<IAmieUsageRecord?> Records(int count, Action<int>? onAsked = null)
    {
        for (var i = 0; i < count; i++)
        {
            onAsked?.Invoke(i);
            await Task.Yield();
            yield return TestRecords.Compute("r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static async IAsyncEnumerable<IAmieUsageRecord?> Stream(params IAmieUsageRecord[] records)
    {
        foreach (var record in records)
        {
            await Task.Yield();
            yield return record;
        }
    }

    /// <summary>
    /// Answers each POST through <c>answer(n, token)</c>, counting how many are open at once. <c>n</c> is the
    /// number in the first record's <c>LocalRecordID</c> (<c>r7</c> → 7; -1 for other IDs): requests on the wire together may
    /// reach the handler in any order, so the arrival order would not say which request it is.
    /// </summary>
    private sealed class GatedHandler(Func<int, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        private const string FirstId = "\"LocalRecordID\":\"r";
        private int _count;
        private int _open;
        private int _most;

        public int Count => Volatile.Read(ref _count);

        public int MostAtOnce => Volatile.Read(ref _most);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var at = body.IndexOf(FirstId, StringComparison.Ordinal) + FirstId.Length;
            var end = at;
            while (at >= FirstId.Length && end < body.Length && char.IsAsciiDigit(body[end]))
            {
                end++;
            }

            var index = end > at ? int.Parse(body.AsSpan(at, end - at), System.Globalization.CultureInfo.InvariantCulture) : -1;
            Interlocked.Increment(ref _count);
            var open = Interlocked.Increment(ref _open);
            int most;
            while (open > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, open, most) != most)
            {
            }

            try
            {
                return await answer(index, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _open);
            }
        }
    }

    private sealed class ListObserver : IAmieSendObserver
    {
        public List<LocalRecordFailure> KeptBackRecords { get; } = [];

        public List<AmieRequestResult> Answered { get; } = [];

        public List<IReadOnlyList<PackedRecord>> RecordsOf { get; } = [];

        public void KeptBack(LocalRecordFailure failure) => KeptBackRecords.Add(failure);

        void IAmieSendObserver.Answered(AmieRequestResult result, IReadOnlyList<PackedRecord> records)
        {
            Answered.Add(result);
            RecordsOf.Add(records);
        }
    }
}
