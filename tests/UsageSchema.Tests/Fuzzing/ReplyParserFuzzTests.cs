using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Errors;
using UsageSchema.Serialization;
using UsageSchema.Testing.Fuzzing;
using UsageSchema.Testing.Fuzzing.Replies;

namespace UsageSchema.Tests.Fuzzing;

/// <summary>
/// The library's readers of what a service answers, given mutated real answers and arbitrary bytes:
/// they return a defined result, or (for JSON of the wrong shape) throw the <see cref="JsonException"/>
/// the clients turn into <see cref="UnexpectedResponseException"/>, never anything else. The invariants
/// are <see cref="ReplyChecks"/>, which afl-fuzz and the corpus replay also check.
/// </summary>
public class ReplyParserFuzzTests
{
    [Fact]
    public void ServiceErrorMessage_always_gives_a_message() =>
        FuzzRun.Check(Mutations.OfOrArbitrary(ReplyCorpus.ErrorBodies), ReplyChecks.ServiceError, cases: 600);

    [Fact]
    public void JobAttributesReply_never_throws_and_its_kind_agrees_with_its_content() =>
        FuzzRun.Check(Mutations.OfOrArbitrary(ReplyCorpus.GatewayReplies), ReplyChecks.GatewayReply, cases: 600);

    [Fact]
    public void UsageResponse_reads_or_throws_JsonException() =>
        FuzzRun.Check(Mutations.OfOrArbitrary(ReplyCorpus.UsageResponses), ReplyChecks.AmieReplies, cases: 400);

    [Fact]
    public void Status_failed_records_and_gateway_jobs_read_or_throw_JsonException() =>
        FuzzRun.Check(Mutations.OfOrArbitrary([.. ReplyCorpus.StatusResponses, .. ReplyCorpus.FailedRecords, .. ReplyCorpus.GatewayJobs]), bytes =>
        {
            ReplyChecks.AmieReplies(bytes);
            ReplyChecks.GatewayJobs(bytes);
        }, cases: 400);

    [Fact]
    public void Records_with_tolerant_strings_read_or_throw_JsonException() =>
        FuzzRun.Check(Mutations.Of(
            """{"Username": "jdoe", "LocalRecordID": 42, "Charge": 2.500000, "ParentRecordID": [null], "Attributes": {"NodeCount": "2"}}""",
            """{"project_oid": "65e1f0c2a9b34d0012c4e7a1", "value": "12.5", "user": ["jdoe"]}""",
            """{"gatewayuser": "u", "jobid": 123, "submittime": "2019-05-31 14:32:00 -07:00"}"""), ReplyChecks.Records, cases: 600);

    [Theory]
    [InlineData("""{"error": "\uD800"}""")]
    [InlineData("""{"detail": [{"loc": ["body"], "msg": "\uDC00"}]}""")]
    [InlineData("""{"errors": {"\uD800": "x"}}""")]
    public void Regression_error_body_with_an_escape_that_is_not_utf16_gives_the_body(string body)
    {
        // Found by ServiceErrorMessage_always_gives_a_message: reading the string threw InvalidOperationException,
        // which escaped the clients instead of their ServiceRejectedException.
        Assert.Equal(body, ServiceErrorMessage.Extract(body));
    }

    [Theory]
    [InlineData("""{"Username": "\uD800"}""")]
    [InlineData("""{"Username": ["\uDC00"]}""")]
    public void String_that_is_not_utf16_is_a_JsonException(string json)
    {
        // The reader's GetString() throws InvalidOperationException for it; through the converter it must
        // arrive as the JsonException the clients catch and turn into UnexpectedResponseException.
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ComputeUsageRecord>(json, UsageJson.Options));
    }
}
