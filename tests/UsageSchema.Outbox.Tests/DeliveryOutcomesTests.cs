using UsageSchema.Errors;
using UsageSchema.GatewayAttributes;

namespace UsageSchema.Outbox.Tests;

/// <summary>The one table of answer classes: only a verdict on the record rejects it.</summary>
public sealed class DeliveryOutcomesTests
{
    public static TheoryData<UsageApi, int, int, AnswerClass> Statuses() => new()
    {
        { UsageApi.Amie, 400, 1, AnswerClass.RecordVerdict },
        { UsageApi.Amie, 400, 3, AnswerClass.RequestVerdict },
        { UsageApi.Perseus, 400, 1, AnswerClass.RecordVerdict },
        { UsageApi.Perseus, 422, 1, AnswerClass.RecordVerdict },
        { UsageApi.GatewayAttributes, 400, 1, AnswerClass.Refused },
        { UsageApi.Amie, 404, 1, AnswerClass.NotFound },
        { UsageApi.Perseus, 404, 1, AnswerClass.NotFound },
        { UsageApi.Amie, 405, 1, AnswerClass.Refused },
        { UsageApi.Amie, 422, 1, AnswerClass.Refused },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void A_4xx_is_a_verdict_only_where_the_service_judges_the_record(UsageApi api, int status, int records, AnswerClass expected)
    {
        var answer = DeliveryOutcomes.Classify(api, new ServiceRejectedException("refused", null, status, "msg"), records);

        Assert.Equal(expected, answer);
        Assert.Equal(expected == AnswerClass.RecordVerdict, DeliveryOutcomes.RuleOf(answer).Rejects);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public void Refused_credentials_leave_the_record_pending_and_stop_the_pass(int status)
    {
        var answer = DeliveryOutcomes.Classify(UsageApi.Amie, new ServiceAuthenticationException("no", null, status, null), 1);

        Assert.Equal(AnswerClass.Authentication, answer);
        Assert.False(DeliveryOutcomes.RuleOf(answer).Rejects);
        Assert.True(DeliveryOutcomes.RuleOf(answer).StopsPass);
    }

    [Theory]
    [InlineData(429, AnswerClass.Throttled)]
    [InlineData(502, AnswerClass.ProxyError)]
    [InlineData(503, AnswerClass.ProxyError)]
    [InlineData(504, AnswerClass.ProxyError)]
    [InlineData(500, AnswerClass.Unavailable)]
    [InlineData(408, AnswerClass.Unavailable)]
    public void Unavailable_answers_are_pending_and_carry_retry_after(int status, AnswerClass expected)
    {
        var failure = new ServiceUnavailableException("down", null, status, null, 3, TimeSpan.FromSeconds(42), null);

        Assert.Equal(expected, DeliveryOutcomes.Classify(UsageApi.Perseus, failure));
        Assert.False(DeliveryOutcomes.RuleOf(expected).Rejects);
        Assert.Equal(TimeSpan.FromSeconds(42), DeliveryOutcomes.RetryAfterOf(failure));
    }

    [Fact]
    public void Transport_failures_and_unexpected_answers_are_pending()
    {
        Assert.Equal(AnswerClass.Unavailable, DeliveryOutcomes.Classify(UsageApi.Amie, new HttpRequestException("refused")));
        Assert.Equal(AnswerClass.Unavailable, DeliveryOutcomes.Classify(UsageApi.Amie, new IOException("reset")));
        Assert.Equal(AnswerClass.Unexpected, DeliveryOutcomes.Classify(UsageApi.Perseus, new UnexpectedResponseException("answered 302", null, 302, null)));
        Assert.Equal(AnswerClass.AnswerTooLarge, DeliveryOutcomes.Classify(UsageApi.Amie, new ResponseTooLargeException("answered more than 4 MiB", null, 200, 4 << 20)));
        Assert.Equal(AnswerClass.Unexpected, DeliveryOutcomes.Classify(UsageApi.Amie, new UnexpectedResponseException("the page says the answer is too large", null, 200, null)));
        Assert.True(DeliveryOutcomes.RuleOf(AnswerClass.AnswerTooLarge).StopsPass);
        Assert.All(DeliveryOutcomes.Table.Where(rule => rule.Class != AnswerClass.RecordVerdict), rule => Assert.False(rule.Rejects));
    }

    [Fact]
    public void Only_a_did_you_mean_gateway_reply_rejects_and_only_job_attributes_is_accepted()
    {
        Assert.Equal(AnswerClass.Accepted, DeliveryOutcomes.Classify(JobAttributesReply.Parse("Job attributes:\n  Job: 1\n")));
        Assert.Equal(AnswerClass.RecordVerdict, DeliveryOutcomes.Classify(JobAttributesReply.Parse("Did you mean one of these?\nexpanse.sdsc.xsede.org\n\n")));
        Assert.Equal(AnswerClass.Unexpected, DeliveryOutcomes.Classify(JobAttributesReply.Parse("<html>login</html>")));
    }
}
