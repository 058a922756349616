using System.Globalization;
using System.Net;
using System.Text;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Cli.Input;
using UsageSchema.Cli.Sending;
using UsageSchema.Secrets;

namespace UsageSchema.Cli.Tests.Sending;

/// <summary>
/// <c>send amie --direct</c> as one stream: outcomes reach the report with the location each record was
/// read at, answer lines are capped, and what comes after a stop is counted, not sent.
/// </summary>
public sealed class AmieDirectSendTests
{
    [Fact]
    public async Task Each_outcome_names_the_line_of_its_record_and_only_the_service_saying_yes_counts_as_accepted()
    {
        // One record a request: #1 is refused on its own (a verdict on that record), #2 comes back
        // among the service's failed records, the rest are accepted.
        var handler = new Answers(index => index switch
        {
            1 => (HttpStatusCode.BadRequest, "{\"error\":\"bad charge\"}"),
            2 => (HttpStatusCode.OK, "{\"Message\":\"1 failed\",\"ValidationFailedRecords\":[{\"UsageType\":\"Compute\",\"LocalRecordID\":\"r2\",\"Resource\":\"expanse.sdsc.access-ci.org\",\"Error\":\"Allocation could not be found\"}]}"),
            _ => (HttpStatusCode.OK, "{\"Message\":\"ok\",\"ValidationFailedRecords\":[]}"),
        });
        var report = new DeliveryReport { Service = UsageApi.Amie };
        var responses = new ResponseLines(report);

        await new AmieDirectSend(report, responses).RunAsync(Sender(handler), Records(5), CancellationToken.None);
        responses.Finish();

        Assert.Equal(5, report.Records);
        Assert.Equal(3, report.Accepted);
        Assert.Null(report.ServiceError);
        Assert.Collection(
            report.Rejected,
            rejection => Assert.Equal("line 2: refused by AMIE (400): bad charge", rejection.ToString()),
            rejection => Assert.Equal("LocalRecordID r2 (expanse.sdsc.access-ci.org): refused by AMIE: Allocation could not be found", rejection.ToString()));
        Assert.Equal(5, report.Responses.Count);
    }

    [Fact]
    public async Task Answer_lines_stop_at_the_cap_and_the_rest_are_counted()
    {
        var handler = new Answers(_ => (HttpStatusCode.OK, "{\"Message\":\"ok\",\"ValidationFailedRecords\":[]}"));
        var report = new DeliveryReport { Service = UsageApi.Amie };
        var responses = new ResponseLines(report);

        await new AmieDirectSend(report, responses).RunAsync(Sender(handler), Records(ResponseLines.MaxKept + 7), CancellationToken.None);
        responses.Finish();

        Assert.Equal(ResponseLines.MaxKept + 7, report.Accepted);
        Assert.Equal(ResponseLines.MaxKept + 1, report.Responses.Count);
        Assert.Equal("... and 7 more answer(s) not listed", report.Responses[^1]);
    }

    [Fact]
    public async Task After_the_service_stops_the_run_the_rest_is_read_and_counted_but_not_sent()
    {
        var handler = new Answers(index => index == 2 ? (HttpStatusCode.Unauthorized, "") : (HttpStatusCode.OK, "{\"Message\":\"ok\",\"ValidationFailedRecords\":[]}"));
        var report = new DeliveryReport { Service = UsageApi.Amie };

        await new AmieDirectSend(report, new ResponseLines(report)).RunAsync(Sender(handler), Records(50), CancellationToken.None);

        Assert.Equal(50, report.Records);
        Assert.Equal(2, report.Accepted);
        Assert.Equal(3, handler.Count);
        Assert.StartsWith("authentication failed: ", report.ServiceError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ServiceError, report.ExitCode);
    }

    private static AmieUsageSender Sender(HttpMessageHandler handler) => new(new HttpClient(handler), new AmieClientOptions
    {
        BaseAddress = new Uri("http://127.0.0.1:9/api/v1"),
        ApiKey = new Secret("test-key-not-a-secret"),
        SiteName = "TEST",
        MaxRecordsPerRequest = 1,
        Resilience = { MaxRetryAttempts = 0, AttemptTimeout = Timeout.InfiniteTimeSpan, TotalTimeout = Timeout.InfiniteTimeSpan },
    });

    private static async IAsyncEnumerable<InputRecord> Records(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            var id = "r" + i.ToString(CultureInfo.InvariantCulture);
            yield return new InputRecord("line " + (i + 1).ToString(CultureInfo.InvariantCulture), new ComputeUsageRecord
            {
                Username = "jdoe",
                LocalProjectId = "csd123",
                LocalRecordId = id,
                Resource = "expanse.sdsc.access-ci.org",
                SubmitTime = "2024-03-01T08:15:00-08:00",
                StartTime = "2024-03-01T08:20:12-08:00",
                EndTime = "2024-03-01T10:20:12-08:00",
                Charge = "1.5",
                Attributes = new ComputeAttributes { NodeCount = 1 },
            });
        }
    }

    /// <summary>Answers the n-th POST (from 0) with <c>answer(n)</c>.</summary>
    private sealed class Answers(Func<int, (HttpStatusCode Status, string Body)> answer) : HttpMessageHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, body) = answer(Interlocked.Increment(ref _count) - 1);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
