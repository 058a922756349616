using System.Net;
using UsageSchema.Amie;
using UsageSchema.Errors;
using UsageSchema.Testing.Fuzzing;
using UsageSchema.Tests.Clients;

namespace UsageSchema.Tests.Fuzzing;

/// <summary>
/// Garbage answers through the production clients (over a scripted transport): a body the client
/// cannot read gives an <see cref="UsageServiceException"/> with the status and the service's text,
/// never a NullReferenceException, an InvalidOperationException or an IndexOutOfRangeException.
/// </summary>
public class ClientReplyFuzzTests
{
    private static HttpResponseMessage Answer(HttpStatusCode status, byte[] body) =>
        new(status) { Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } } };

    [Fact]
    public void Amie_send_status_and_failed_read_or_fail_with_UnexpectedResponseException() =>
        FuzzRun.Check(Mutations.OfOrArbitrary([.. ReplyCorpus.UsageResponses, .. ReplyCorpus.StatusResponses, .. ReplyCorpus.FailedRecords]), body =>
        {
            var handler = new ScriptedHandler(_ => Answer(HttpStatusCode.OK, body));
            var sender = ClientFactory.Amie(handler);

            var sent = sender.SendAsync(TestRecords.Compute()).GetAwaiter().GetResult();
            var request = Assert.Single(sent.Requests);
            Assert.True(request.Succeeded || request.Error is UnexpectedResponseException { StatusCode: 200 }, request.Error?.GetType().Name);
            Assert.NotNull(request.ServiceFailedRecords);

            Expect<IReadOnlyList<UsageStatusResource>>(() => sender.GetStatusAsync().GetAwaiter().GetResult());
            Expect<IReadOnlyList<FailedUsageRecord>>(() => sender.GetFailedRecordsAsync().GetAwaiter().GetResult());
        }, cases: 200);

    [Fact]
    public void Error_answers_become_the_exception_of_their_status_with_the_services_text() =>
        FuzzRun.Check(Mutations.OfOrArbitrary(ReplyCorpus.ErrorBodies), body =>
        {
            var handler = new ScriptedHandler(_ => Answer(HttpStatusCode.BadRequest, body));

            var request = Assert.Single(ClientFactory.Amie(handler).SendAsync(TestRecords.Compute()).GetAwaiter().GetResult().Requests);
            Assert.IsType<ServiceRejectedException>(request.Error);
            Assert.False(string.IsNullOrEmpty(request.Error.ServiceMessage));

            var rejected = Assert.Throws<ServiceRejectedException>(() => ClientFactory.Perseus(handler).ReportAsync(TestRecords.Report()).GetAwaiter().GetResult());
            Assert.False(string.IsNullOrEmpty(rejected.ServiceMessage));
        }, cases: 200);

    [Fact]
    public void Gateway_replies_are_documented_or_fail_with_UnexpectedResponseException() =>
        FuzzRun.Check(Mutations.OfOrArbitrary([.. ReplyCorpus.GatewayReplies, .. ReplyCorpus.GatewayJobs]), body =>
        {
            var handler = new ScriptedHandler(_ => Answer(HttpStatusCode.OK, body));
            var client = ClientFactory.Gateway(handler);

            // A reply that is none of the documented ones is an UnexpectedResponseException, never a "delivered".
            Expect(() => client.SubmitAsync("u@x.edu", "expanse.sdsc.access-ci.org", "1", DateTimeOffset.UnixEpoch).GetAwaiter().GetResult().Text);
            Expect<object>(() => client.GetLastJobsAsync().GetAwaiter().GetResult());
        }, cases: 200);

    [Fact]
    public async Task Regression_error_body_with_a_lone_surrogate_escape_is_a_rejection_not_an_InvalidOperationException()
    {
        // Found by ReplyParserFuzzTests.ServiceErrorMessage_always_gives_a_message; this is how it reached callers.
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.BadRequest, """{"error": "\uD800"}"""));

        var result = await ClientFactory.Amie(handler).SendAsync(TestRecords.Compute());

        var rejected = Assert.IsType<ServiceRejectedException>(Assert.Single(result.Requests).Error);
        Assert.Equal("""{"error": "\uD800"}""", rejected.ServiceMessage);
    }

    /// <summary>Runs <paramref name="call"/>: a result, or the client's exception for an unreadable answer; anything else fails.</summary>
    private static void Expect<T>(Func<T> call)
    {
        try
        {
            Assert.NotNull(call());
        }
        catch (UnexpectedResponseException exception)
        {
            Assert.Equal(200, exception.StatusCode);
        }
    }
}
