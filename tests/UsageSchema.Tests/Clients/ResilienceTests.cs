using System.Net;
using System.Net.Http.Headers;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Errors;
using UsageSchema.Secrets;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// Retries, backoff, Retry-After, timeouts and cancellation, through the AMIE client's simplest
/// call. Waits run on <see cref="InstantTimeProvider"/>, or are zero: no test waits for real time
/// except the two timeout tests, which use timeouts of a few milliseconds and assert no durations.
/// </summary>
public class ResilienceTests
{
    private const string NoFailures = "{\"FailedRecords\":[]}";

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried(int status)
    {
        var handler = new ScriptedHandler().Then((HttpStatusCode)status, "").Then(HttpStatusCode.OK, NoFailures);
        var sender = ClientFactory.Amie(handler);

        var failed = await sender.GetFailedRecordsAsync();

        Assert.Empty(failed);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Network_errors_are_retried_and_every_attempt_is_a_fresh_identical_request()
    {
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("Connection refused"))
            .ThenThrow(new HttpRequestException("Connection reset"))
            .Then(HttpStatusCode.OK, "{\"Message\":\"ok\"}");
        var sender = ClientFactory.Amie(handler);

        var result = await sender.SendAsync(TestRecords.Compute());

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Requests.Single().Attempts);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, request => Assert.Equal(handler.Requests[0].Body, request.Body));
        Assert.All(handler.Requests, request => Assert.Equal(handler.Requests[0].HeaderLines, request.HeaderLines));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    public async Task Other_client_errors_are_not_retried(int status)
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond((HttpStatusCode)status, "{\"error\":\"no\"}"));
        var sender = ClientFactory.Amie(handler);

        var error = await Assert.ThrowsAsync<ServiceRejectedException>(() => sender.GetFailedRecordsAsync());

        Assert.Equal(status, error.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Refused_credentials_are_not_retried_and_say_so(int status)
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond((HttpStatusCode)status, ""));
        var sender = ClientFactory.Amie(handler);

        var error = await Assert.ThrowsAsync<ServiceAuthenticationException>(() => sender.GetFailedRecordsAsync());

        Assert.Equal(status, error.StatusCode);
        Assert.Equal("(empty response body)", error.ServiceMessage);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task After_the_last_retry_a_transient_status_is_ServiceUnavailableException()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.BadGateway, "<html>502 Bad Gateway</html>", "text/html"));
        var sender = ClientFactory.Amie(handler);

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => sender.GetFailedRecordsAsync());

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(502, error.StatusCode);
        Assert.Equal("<html>502 Bad Gateway</html>", error.ServiceMessage);
        Assert.Equal($"AMIE Usage API: GET /api/v1{AmieUsageOperations.GetFailedRecords.PathTemplate} answered 502 Bad Gateway: <html>502 Bad Gateway</html> (after 3 attempt(s))", error.Message);
    }

    [Fact]
    public async Task After_the_last_retry_a_network_error_is_ServiceUnavailableException_without_a_status()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("Name or service not known"));
        var sender = ClientFactory.Amie(handler);

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => sender.GetFailedRecordsAsync());

        Assert.Null(error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal($"AMIE Usage API: GET /api/v1{AmieUsageOperations.GetFailedRecords.PathTemplate} got no answer after 3 attempts: HttpRequestException: Name or service not known.", error.Message);
    }

    [Fact]
    public async Task Backoff_is_exponential()
    {
        var time = new InstantTimeProvider();
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.ServiceUnavailable));
        var sender = ClientFactory.Amie(handler, options =>
        {
            options.Resilience.MaxRetryAttempts = 3;
            options.Resilience.BaseDelay = TimeSpan.FromSeconds(1);
            options.Resilience.MaxDelay = TimeSpan.FromSeconds(30);
        }, time);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => sender.GetFailedRecordsAsync());

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], time.Waits);
    }

    [Fact]
    public async Task Jittered_backoff_stays_positive_and_capped()
    {
        var time = new InstantTimeProvider();
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.ServiceUnavailable));
        var sender = ClientFactory.Amie(handler, options =>
        {
            options.Resilience.MaxRetryAttempts = 6;
            options.Resilience.BaseDelay = TimeSpan.FromSeconds(1);
            options.Resilience.MaxDelay = TimeSpan.FromSeconds(5);
            options.Resilience.UseJitter = true;
        }, time);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => sender.GetFailedRecordsAsync());

        Assert.Equal(6, time.Waits.Count);
        Assert.All(time.Waits, wait => Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_honoured()
    {
        var time = new InstantTimeProvider();
        var handler = new ScriptedHandler()
            .Then(_ => ScriptedHandler.Respond(HttpStatusCode.TooManyRequests).WithRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))))
            .Then(HttpStatusCode.OK, NoFailures);
        var sender = ClientFactory.Amie(handler, options => options.Resilience.BaseDelay = TimeSpan.FromSeconds(1), time);

        await sender.GetFailedRecordsAsync();

        Assert.Equal([TimeSpan.FromSeconds(7)], time.Waits);
    }

    [Fact]
    public async Task Retry_after_as_a_date_is_honoured()
    {
        var time = new InstantTimeProvider();
        var handler = new ScriptedHandler()
            .Then(_ => ScriptedHandler.Respond(HttpStatusCode.ServiceUnavailable).WithRetryAfter(new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(90))))
            .Then(HttpStatusCode.OK, NoFailures);
        var sender = ClientFactory.Amie(handler, options => options.Resilience.BaseDelay = TimeSpan.FromSeconds(1), time);

        await sender.GetFailedRecordsAsync();

        Assert.Equal([TimeSpan.FromSeconds(90)], time.Waits);
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_is_not_waited_for_but_reported()
    {
        var time = new InstantTimeProvider();
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.ServiceUnavailable).WithRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromHours(1))));
        var sender = ClientFactory.Amie(handler, time: time);

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => sender.GetFailedRecordsAsync());

        Assert.Single(handler.Requests);
        Assert.Empty(time.Waits);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
    }

    [Fact]
    public async Task Retry_after_can_be_ignored()
    {
        var time = new InstantTimeProvider();
        var handler = new ScriptedHandler()
            .Then(_ => ScriptedHandler.Respond(HttpStatusCode.ServiceUnavailable).WithRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(30))))
            .Then(HttpStatusCode.OK, NoFailures);
        var sender = ClientFactory.Amie(handler, options =>
        {
            options.Resilience.RespectRetryAfter = false;
            options.Resilience.BaseDelay = TimeSpan.FromSeconds(2);
        }, time);

        await sender.GetFailedRecordsAsync();

        Assert.Equal([TimeSpan.FromSeconds(2)], time.Waits);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        var handler = new ScriptedHandler().ThenHang().Then(HttpStatusCode.OK, NoFailures);
        var sender = ClientFactory.Amie(handler, options => options.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(50));

        var failed = await sender.GetFailedRecordsAsync();

        Assert.Empty(failed);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task The_overall_deadline_ends_the_call_as_ServiceUnavailableException()
    {
        var handler = new ScriptedHandler().ThenHang();
        var sender = ClientFactory.Amie(handler, options =>
        {
            options.Resilience.TotalTimeout = TimeSpan.FromMilliseconds(100);
            options.Resilience.MaxRetryAttempts = 10;
        });

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => sender.GetFailedRecordsAsync());

        Assert.Contains("the overall deadline of 00:00:00.1000000 passed", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Cancellation_during_an_attempt_is_not_a_failure_of_the_service()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new ScriptedHandler().ThenHang();
        var sender = ClientFactory.Amie(handler);

        var call = sender.GetFailedRecordsAsync(cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Cancellation_during_a_retry_wait_ends_the_wait()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new ScriptedHandler(_ =>
        {
            cancellation.Cancel();
            return ScriptedHandler.Respond(HttpStatusCode.ServiceUnavailable).WithRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(60)));
        });
        var sender = ClientFactory.Amie(handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.GetFailedRecordsAsync(cancellation.Token));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Retries_are_logged_with_the_status_and_the_wait()
    {
        var time = new InstantTimeProvider();
        var log = new ListLoggerProvider();
        var handler = new ScriptedHandler()
            .Then(_ => ScriptedHandler.Respond(HttpStatusCode.TooManyRequests).WithRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3))))
            .Then(HttpStatusCode.OK, NoFailures);
        var sender = ClientFactory.Amie(handler, time: time, logger: log);

        await sender.GetFailedRecordsAsync();

        Assert.Contains(log.Entries, entry => entry.Contains($"AMIE Usage API: GET /api/v1{AmieUsageOperations.GetFailedRecords.PathTemplate} failed with status 429 on attempt 1; retrying in 3000 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_the_options_after_construction_does_not_change_the_client()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, NoFailures);
        var options = ClientFactory.AmieOptions();
        var sender = new AmieUsageSender(new HttpClient(handler), options);

        options.Resilience.MaxRetryAttempts = 0;
        options.ApiKey = new Secret("another-key");
        await sender.GetFailedRecordsAsync();

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(TestRecords.ApiKey, handler.Requests[1].Header(AmieUsageOperations.SecuritySchemes.XaApiKey));
    }
}
