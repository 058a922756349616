using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageSchema.DependencyInjection;
using UsageSchema.Errors;
using UsageSchema.GatewayAttributes;
using UsageSchema.Secrets;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// Issue 13's HTTP path: a redirect is never followed nor success, an answer is the operation's
/// documented success or an <see cref="UnexpectedResponseException"/>, and bodies are read up to a limit.
/// </summary>
public class HttpSafetyTests
{
    private static readonly JobAttributes Job = new() { GatewayUser = "jane@example.org", XsedeResourceName = "expanse.sdsc.xsede.org", JobId = "123", SubmitTime = "2024-03-01 10:00:00 -05:00" };

    private static HttpResponseMessage Redirect(HttpStatusCode status, string location)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(string.Empty) };
        response.Headers.Location = new Uri(location);
        return response;
    }

    [Theory]
    [InlineData(HttpStatusCode.Found)]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    [InlineData(HttpStatusCode.PermanentRedirect)]
    public async Task An_amie_redirect_fails_the_request_naming_the_location_is_not_retried_and_stops_the_run(HttpStatusCode status)
    {
        var handler = new ScriptedHandler(_ => Redirect(status, "http://127.0.0.1:9/elsewhere"));

        var result = await ClientFactory.Amie(handler, options => options.MaxRecordsPerRequest = 1).SendAsync([TestRecords.Compute("a"), TestRecords.Compute("b")]);

        var request = Assert.Single(handler.Requests);
        Assert.EndsWith("/usage", request.Uri.AbsolutePath, StringComparison.Ordinal);
        var error = Assert.IsType<UnexpectedResponseException>(result.StoppedBy);
        Assert.Equal((int)status, error.StatusCode);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("Location 'http://127.0.0.1:9/elsewhere'", error.Message, StringComparison.Ordinal);
        Assert.Contains("configure its new URL", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.RecordsAccepted);
    }

    [Fact]
    public async Task A_perseus_or_gateway_redirect_is_an_unexpected_response_after_one_attempt()
    {
        var perseus = new ScriptedHandler(_ => Redirect(HttpStatusCode.TemporaryRedirect, "https://login.example.org/?next=/api"));
        var gateway = new ScriptedHandler(_ => Redirect(HttpStatusCode.MovedPermanently, $"https://new.example.org/acdb{GatewayAttributesOperations.SubmitJobAttributes.PathTemplate}"));

        var perseusError = await Assert.ThrowsAsync<UnexpectedResponseException>(() => ClientFactory.Perseus(perseus).ReportAsync(TestRecords.Report()));
        var gatewayError = await Assert.ThrowsAsync<UnexpectedResponseException>(() => ClientFactory.Gateway(gateway).SubmitAsync(Job));

        Assert.Single(perseus.Requests);
        Assert.Single(gateway.Requests);
        Assert.Contains("307", perseusError.Message, StringComparison.Ordinal);
        Assert.Contains("https://login.example.org/?next=/api", perseusError.Message, StringComparison.Ordinal);
        Assert.Contains($"https://new.example.org/acdb{GatewayAttributesOperations.SubmitJobAttributes.PathTemplate}", gatewayError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_from_a_client_that_followed_a_redirect_is_not_the_services()
    {
        // What a caller's own HttpClient with AllowAutoRedirect on hands back: the answer of another URL.
        var handler = new ScriptedHandler(seen => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("{\"Message\":\"ok\"}", Encoding.UTF8, "application/json"),
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://login.example.org/landing"),
        });

        var result = await ClientFactory.Amie(handler).SendAsync([TestRecords.Compute()]);

        var error = Assert.IsType<UnexpectedResponseException>(result.StoppedBy);
        Assert.Contains("was redirected", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://login.example.org/landing", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.RecordsAccepted);
    }

    [Fact]
    public async Task Every_registered_client_has_a_primary_handler_that_does_not_follow_redirects()
    {
        var services = new ServiceCollection();
        services.AddAmieUsageClient(options => { options.ApiKey = new Secret(TestRecords.ApiKey); options.SiteName = "SDSC"; });
        services.AddGatewayAttributesClient(options => options.ApiKey = new Secret(TestRecords.GatewayKey));
        services.AddPerseusUsageClient(options => { options.BaseAddress = new Uri("https://perseus.example.org/api"); options.Token = new Secret(TestRecords.PerseusToken); });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpMessageHandlerFactory>();

        foreach (var name in new[] { "IAmieUsageSender", "IGatewayAttributesClient", "IPerseusUsageClient" })
        {
            HttpMessageHandler handler = factory.CreateHandler(name);
            while (handler is DelegatingHandler delegating)
            {
                handler = delegating.InnerHandler!;
            }

            var allowsRedirects = handler switch
            {
                SocketsHttpHandler sockets => sockets.AllowAutoRedirect,
                HttpClientHandler client => client.AllowAutoRedirect,
                _ => throw new InvalidOperationException($"{name}: unexpected primary handler {handler.GetType()}"),
            };
            Assert.False(allowsRedirects, name);
        }
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>Sign in</title></head><body>login</body></html>", "text/html", "content type text/html")]
    [InlineData("", "application/json", "empty body")]
    [InlineData("{}", "application/json", "has no Message")]
    [InlineData("[1, 2]", "application/json", "content type application/json")]
    public async Task An_amie_200_that_is_not_a_usage_response_is_not_delivered(string body, string mediaType, string named)
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, body, mediaType));

        var result = await ClientFactory.Amie(handler).SendAsync([TestRecords.Compute()]);

        var error = Assert.IsType<UnexpectedResponseException>(Assert.Single(result.Requests).Error);
        Assert.Contains("200", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("Not counted as delivered", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.RecordsAccepted);
        if (body.Length > 0)
        {
            Assert.Contains(body[..Math.Min(body.Length, 20)], error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_first_bytes_shown_are_at_most_200_characters_cleaned_of_terminal_escapes()
    {
        var body = "\u001b[2J\u001b]0;pwned\u0007<html>\r\nInjected: line" + new string('x', 5000);
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, body, "text/html"));

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => ClientFactory.Amie(handler).GetStatusAsync());

        Assert.DoesNotContain('\u001b', error.Message);
        Assert.DoesNotContain('\u0007', error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("pwned", error.Message, StringComparison.Ordinal);
        Assert.Contains("<html>  Injected: line", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 201), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body>Please sign in</body></html>", "text/html")]
    [InlineData("", "text/plain")]
    [InlineData("OK", "text/plain")]
    public async Task A_gateway_200_that_is_none_of_the_documented_replies_throws(string body, string mediaType)
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, body, mediaType));

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => ClientFactory.Gateway(handler).SubmitAsync(Job));

        Assert.Contains("none of the documented", error.Message, StringComparison.Ordinal);
        Assert.Contains("Job attributes:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_staged_reply_and_an_unknown_resource_verdict_are_answers()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.OK, "Job attributes:\n  Job: 123\n  Resource Name: expanse.sdsc.xsede.org\n", "text/plain")
            .Then(HttpStatusCode.OK, "Did you mean one of these?\nexpanse.sdsc.xsede.org\n\n", "text/plain");
        var client = ClientFactory.Gateway(handler);

        Assert.Equal(JobAttributesReplyKind.Staged, (await client.SubmitAsync(Job)).Kind);
        Assert.Equal(JobAttributesReplyKind.UnknownResource, (await client.SubmitAsync(Job)).Kind);
    }

    [Theory]
    [InlineData("{\"result\": false, \"errors\": \"e\", \"error\": \"c\", \"message\": \"b\", \"detail\": \"a: quota closed\"}", "a: quota closed")]
    [InlineData("{\"result\": false, \"message\": \"project unknown\"}", "project unknown")]
    [InlineData("{\"result\": false, \"errors\": [\"one\", \"two\"]}", "one; two")]
    public async Task A_perseus_result_false_is_a_refusal_with_the_services_message(string body, string message)
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, body));

        var error = await Assert.ThrowsAsync<ServiceRejectedException>(() => ClientFactory.Perseus(handler).ReportAsync(TestRecords.Report()));

        Assert.Equal(message, error.ServiceMessage);
        Assert.Contains("\"result\": false", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(200, "<html>login</html>", "text/html")]
    [InlineData(200, "", "application/json")]
    [InlineData(201, "not json", "application/json")]
    public async Task A_perseus_success_status_without_json_is_not_delivered(int status, string body, string mediaType)
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond((HttpStatusCode)status, body, mediaType));

        var result = await ClientFactory.Perseus(handler).ReportAsync([TestRecords.Report()]);

        var outcome = Assert.Single(result.Reports);
        Assert.False(outcome.Succeeded);
        var error = Assert.IsType<UnexpectedResponseException>(outcome.Error);
        Assert.Contains(mediaType, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_body_stops_at_the_limit_whatever_content_length_says_and_is_not_retried()
    {
        var streams = new List<EndlessStream>();
        var handler = new ScriptedHandler(_ =>
        {
            var stream = new EndlessStream();
            streams.Add(stream);
            var content = new StreamContent(stream);
            content.Headers.ContentLength = 10; // a lie
            content.Headers.ContentType = new("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var sender = ClientFactory.Amie(handler, options => options.MaxResponseBytes = 64 * 1024);

        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => sender.GetStatusAsync());

        Assert.Single(handler.Requests);
        Assert.Equal(64 * 1024, error.LimitBytes);
        Assert.InRange(streams.Single().BytesRead, 64 * 1024, (64 * 1024) + (16 * 1024) + 1);
        Assert.Contains("more than 65536 bytes", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<UnexpectedResponseException>(error);
    }

    [Fact]
    public async Task An_oversized_amie_post_answer_is_too_large_and_stops_the_run()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.OK, "{\"Message\":\"" + new string('a', 5000) + "\"}"));

        var result = await ClientFactory.Amie(handler, options => options.MaxResponseBytes = 1024).SendAsync([TestRecords.Compute()]);

        Assert.IsType<ResponseTooLargeException>(result.StoppedBy);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void The_answer_limit_is_validated_with_a_message_that_names_it()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ClientFactory.Amie(new ScriptedHandler(), options => options.MaxResponseBytes = 0));
        Assert.Contains("AmieClientOptions.MaxResponseBytes is 0", error.Message, StringComparison.Ordinal);

        var perseus = Assert.Throws<OptionsValidationException>(() => ClientFactory.Perseus(new ScriptedHandler(), options => options.MaxResponseBytes = int.MaxValue));
        Assert.Contains("PerseusClientOptions.MaxResponseBytes", perseus.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_echo_of_the_keys_first_part_inside_an_error_is_scrubbed()
    {
        var echoed = TestRecords.ApiKey[..12];
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.BadRequest, $"{{\"error\": \"key 'x{echoed}' unknown; full: {TestRecords.ApiKey}.\"}}"));

        var error = await Assert.ThrowsAsync<ServiceRejectedException>(() => ClientFactory.Amie(handler).GetStatusAsync());

        Assert.DoesNotContain(TestRecords.ApiKey[..Secret.MinimumEchoLength], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestRecords.ApiKey[..Secret.MinimumEchoLength], error.ServiceMessage!, StringComparison.Ordinal);
        Assert.Contains("key 'x***' unknown; full: ***.", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("12,13")]
    [InlineData("")]
    [InlineData("7\r\nX-Injected: 1")]
    public async Task A_failed_record_id_that_is_not_one_path_segment_is_refused_before_any_request(string id)
    {
        var handler = new ScriptedHandler();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ClientFactory.Amie(handler).ClearFailedRecordsAsync(["12", id]));

        Assert.Empty(handler.Requests);
        Assert.Contains("FailedRecordID #2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_ids_send_no_request()
    {
        var handler = new ScriptedHandler();

        var result = await ClientFactory.Amie(handler).ClearFailedRecordsAsync(Array.Empty<string>());

        Assert.Empty(handler.Requests);
        Assert.Equal(0, result.Requests);
    }

    [Theory]
    [InlineData("..", "jane", "The resource name")]
    [InlineData("expanse sdsc", "jane", "spec's pattern")]
    [InlineData("expanse.sdsc.xsede.org", "..", "The login on the resource")]
    [InlineData("expanse.sdsc.xsede.org", "a/../../b", "The login on the resource")]
    public async Task Gateway_read_back_segments_are_checked_against_the_spec(string resource, string user, string named)
    {
        var handler = new ScriptedHandler();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ClientFactory.Gateway(handler).GetJobsByResourceUserAsync(resource, user, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2)));

        Assert.Empty(handler.Requests);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_number_dot_segment_is_refused()
    {
        var handler = new ScriptedHandler();

        await Assert.ThrowsAsync<ArgumentException>(() => ClientFactory.Gateway(handler).GetJobsByProjectAsync("..", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2)));

        Assert.Empty(handler.Requests);
    }

    /// <summary>A body that never ends; counts what the client read.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
