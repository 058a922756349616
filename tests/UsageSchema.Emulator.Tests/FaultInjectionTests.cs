using System.Diagnostics;
using System.Net;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Errors;

namespace UsageSchema.Emulator.Tests;

public sealed class FaultInjectionTests
{
    private static async Task<HttpResponseMessage> GetFailedAsync(EmulatorFixture emulator)
    {
        using var request = emulator.AmieRequest(HttpMethod.Get, AmieUsageOperations.GetFailedRecords.RelativePath());
        return await emulator.Http.SendAsync(request);
    }

    [Fact]
    public async Task Error_rate_one_answers_every_request_with_the_error_status()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        emulator.Host.Faults.ErrorRate = 1;
        emulator.Host.Faults.ErrorStatusCode = 503;

        using (var response = await GetFailedAsync(emulator))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        var result = await emulator.Amie(options => options.Resilience = EmulatorFixture.FastRetries(retries: 1)).SendAsync(EmulatorFixture.Compute("1"));
        Assert.IsType<ServiceUnavailableException>(result.StoppedBy);

        emulator.Host.Faults.Reset();
        using var healthy = await GetFailedAsync(emulator);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task Seeded_error_rate_is_repeatable_and_retries_get_through()
    {
        static async Task<List<HttpStatusCode>> RunAsync()
        {
            await using var emulator = await EmulatorFixture.StartAsync(options => options.Faults.Seed = 42);
            emulator.Host.Faults.ErrorRate = 0.5;
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < 20; i++)
            {
                using var response = await GetFailedAsync(emulator);
                codes.Add(response.StatusCode);
            }

            return codes;
        }

        var first = await RunAsync();
        Assert.Equal(first, await RunAsync());
        Assert.Contains(HttpStatusCode.InternalServerError, first);
        Assert.Contains(HttpStatusCode.OK, first);

        await using var retried = await EmulatorFixture.StartAsync(options => options.Faults.Seed = 7);
        retried.Host.Faults.ErrorRate = 0.5;
        var result = await retried.Amie(options => options.Resilience = EmulatorFixture.FastRetries(retries: 10))
            .SendAsync(Enumerable.Range(0, 5).Select(i => EmulatorFixture.Compute(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.True(result.Completed, result.ToString());
    }

    [Fact]
    public async Task Too_many_requests_carries_Retry_After()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        emulator.Host.Faults.TooManyRequestsRate = 1;
        emulator.Host.Faults.RetryAfter = TimeSpan.FromMilliseconds(1500);

        using var response = await GetFailedAsync(emulator);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            emulator.Amie(options => options.Resilience = EmulatorFixture.FastRetries(retries: 0)).GetFailedRecordsAsync());
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
    }

    [Fact]
    public async Task Added_delay_slows_every_request()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        emulator.Host.Faults.AddedDelay = TimeSpan.FromMilliseconds(200);

        var watch = Stopwatch.StartNew();
        using var response = await GetFailedAsync(emulator);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Dropped_connection_gives_the_client_no_answer_and_retries_recover()
    {
        await using var emulator = await EmulatorFixture.StartAsync(options => options.Faults.Seed = 3);
        emulator.Host.Faults.DropConnectionRate = 1;
        await Assert.ThrowsAsync<HttpRequestException>(() => GetFailedAsync(emulator));

        emulator.Host.Faults.DropConnectionRate = 0.5;
        var result = await emulator.Amie(options => options.Resilience = EmulatorFixture.FastRetries(retries: 10)).SendAsync(EmulatorFixture.Compute("1"));
        Assert.True(result.Completed, result.ToString());
    }

    [Fact]
    public async Task Malformed_body_is_written_after_the_request_was_processed()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        emulator.Host.Faults.MalformedBodyRate = 1;

        using (var response = await GetFailedAsync(emulator))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text).Dispose());
        }

        await Assert.ThrowsAsync<UnexpectedResponseException>(() => emulator.Amie().GetFailedRecordsAsync());

        // The POST was stored although its answer was garbled: sending again reports a duplicate.
        await emulator.Amie(options => options.Resilience = EmulatorFixture.FastRetries(retries: 0)).SendAsync(EmulatorFixture.Compute("1"));
        emulator.Host.Faults.Reset();
        var again = await emulator.Amie().SendAsync(EmulatorFixture.Compute("1"));
        Assert.Equal("Duplicate LocalRecordID", Assert.Single(again.ServiceFailedRecords).Error);
    }

    [Fact]
    public async Task Faults_apply_only_to_the_services_they_are_aimed_at()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        emulator.Host.Faults.Services = new HashSet<UsageApi> { UsageApi.Perseus };
        emulator.Host.Faults.ErrorRate = 1;

        using (var amie = await GetFailedAsync(emulator))
        {
            Assert.Equal(HttpStatusCode.OK, amie.StatusCode);
        }

        await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            emulator.Perseus(options => options.Resilience = EmulatorFixture.FastRetries(retries: 0)).ReportAsync(EmulatorFixture.Report(1)));
    }

    [Fact]
    public void Rates_outside_zero_to_one_are_refused()
    {
        var faults = new FaultOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.ErrorRate = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.DropConnectionRate = double.NaN);
    }
}
