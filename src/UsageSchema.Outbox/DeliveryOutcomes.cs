using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.GatewayAttributes;
using UsageSchema.Validation;

namespace UsageSchema.Outbox;

/// <summary>What kind of answer a send got, as far as the record's fate is concerned.</summary>
public enum AnswerClass
{
    /// <summary>The documented success: the service took the record.</summary>
    Accepted,

    /// <summary>
    /// A verdict on the record itself: invalid before sending, an AMIE failed record naming it, a 400 on a
    /// single-record AMIE request, a gateway "Did you mean" (unknown resource), a PERSEUS 400 or 422.
    /// The only class that rejects a record.
    /// </summary>
    RecordVerdict,

    /// <summary>A 400 on an AMIE request of several records: some record is bad, which one is not said; split until it stands alone.</summary>
    RequestVerdict,

    /// <summary>401 or 403: the key, token or site name was refused. Every later request fails the same way.</summary>
    Authentication,

    /// <summary>404: a wrong URL or proxy prefix, not a verdict on the record.</summary>
    NotFound,

    /// <summary>Another 4xx (405, 409, 415, a gateway 400 ...): the request was refused for a reason that does not name the record.</summary>
    Refused,

    /// <summary>502, 503 or 504 after the client's retries: a proxy or gateway in front of the service.</summary>
    ProxyError,

    /// <summary>429 after the client's retries, usually with <c>Retry-After</c>.</summary>
    Throttled,

    /// <summary>A timeout, a lost connection, 408 or another 5xx after the client's retries.</summary>
    Unavailable,

    /// <summary>
    /// Not the documented answer (<see cref="UnexpectedResponseException"/>): a 3xx, an HTML page with 200, a
    /// PERSEUS <c>result: false</c>, a body cut short, a gateway reply that is neither staged nor unknown
    /// resource. Nothing says the record arrived.
    /// </summary>
    Unexpected,

    /// <summary>An answer larger than the client reads (<see cref="ResponseTooLargeException"/>): pending, and not sent again in this pass, since it would come back just as large.</summary>
    AnswerTooLarge,
}

/// <summary>What an answer class does to the record and to the rest of the run.</summary>
/// <param name="Class">The class.</param>
/// <param name="Rejects">Whether the record is rejected for good (else it stays pending, or is delivered for <see cref="AnswerClass.Accepted"/>).</param>
/// <param name="StopsPass">Whether the rest of the pass for this service is not sent (every later request would meet the same answer); the entries stay pending for the next run.</param>
/// <param name="Meaning">One line for people: what the answer says.</param>
public sealed record AnswerRule(AnswerClass Class, bool Rejects, bool StopsPass, string Meaning);

/// <summary>
/// The one table of answer classes and what each does, used by the outbox's dispatch and by
/// <c>send --direct</c> alike: only a verdict on the record itself rejects it; everything else leaves it
/// pending (not delivered) for a later run.
/// </summary>
public static class DeliveryOutcomes
{
    private static readonly Dictionary<AnswerClass, AnswerRule> Rules = new AnswerRule[]
    {
        new(AnswerClass.Accepted, Rejects: false, StopsPass: false, "the service took the record: delivered"),
        new(AnswerClass.RecordVerdict, Rejects: true, StopsPass: false, "the service (or local validation) said this record is bad: rejected with the reason"),
        new(AnswerClass.RequestVerdict, Rejects: false, StopsPass: false, "a record of the request is bad: the request is split until the bad record stands alone"),
        new(AnswerClass.Authentication, Rejects: false, StopsPass: true, "the credentials were refused: pending; the run fails (exit 3) naming authentication"),
        new(AnswerClass.NotFound, Rejects: false, StopsPass: true, "wrong URL or proxy prefix: pending"),
        new(AnswerClass.Refused, Rejects: false, StopsPass: true, "the request was refused without naming the record: pending"),
        new(AnswerClass.ProxyError, Rejects: false, StopsPass: false, "a proxy in front of the service failed: pending, retried after Retry-After"),
        new(AnswerClass.Throttled, Rejects: false, StopsPass: false, "too many requests: pending, not claimable before Retry-After"),
        new(AnswerClass.Unavailable, Rejects: false, StopsPass: false, "timeout, lost connection or server error: pending"),
        new(AnswerClass.Unexpected, Rejects: false, StopsPass: false, "not the documented answer (3xx, HTML page, result false, body cut short): pending; retried in this pass only while other batches make progress"),
        new(AnswerClass.AnswerTooLarge, Rejects: false, StopsPass: true, "an answer too large to read: pending, not retried in this pass"),
    }.ToDictionary(rule => rule.Class);

    /// <summary>Every class with its rule, in declaration order.</summary>
    public static IReadOnlyList<AnswerRule> Table { get; } = [.. Enum.GetValues<AnswerClass>().Select(value => Rules[value])];

    /// <summary>The rule of <paramref name="answer"/>.</summary>
    /// <param name="answer">The class.</param>
    public static AnswerRule RuleOf(AnswerClass answer) => Rules[answer];

    /// <summary>The class of a failure of a send to <paramref name="api"/>.</summary>
    /// <param name="api">The service.</param>
    /// <param name="failure">What the client threw, or an AMIE request's error.</param>
    /// <param name="recordsInRequest">How many records the failed request carried (1 for the one-record APIs).</param>
    public static AnswerClass Classify(UsageApi api, Exception failure, int recordsInRequest = 1)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure switch
        {
            UsageValidationException => AnswerClass.RecordVerdict,
            ServiceAuthenticationException => AnswerClass.Authentication,
            ServiceRejectedException { StatusCode: 404 } => AnswerClass.NotFound,
            ServiceRejectedException { StatusCode: 400 } when api == UsageApi.Amie => recordsInRequest == 1 ? AnswerClass.RecordVerdict : AnswerClass.RequestVerdict,
            ServiceRejectedException { StatusCode: 400 or 422 } when api == UsageApi.Perseus => AnswerClass.RecordVerdict,
            ServiceRejectedException => AnswerClass.Refused,
            ServiceUnavailableException { StatusCode: 429 } => AnswerClass.Throttled,
            ServiceUnavailableException { StatusCode: 502 or 503 or 504 } => AnswerClass.ProxyError,
            ServiceUnavailableException => AnswerClass.Unavailable,
            ResponseTooLargeException => AnswerClass.AnswerTooLarge,
            UnexpectedResponseException => AnswerClass.Unexpected,
            JsonException => AnswerClass.Unexpected,
            UsageServiceException => AnswerClass.Unexpected,
            _ => AnswerClass.Unavailable,
        };
    }

    /// <summary>
    /// The class of a gateway reply that came back as text, from the reply's own reading of its kind
    /// (<see cref="JobAttributesReply.IsStaged"/>, <see cref="JobAttributesReply.RefusesRecord"/>): a dry
    /// run or an unrecognized text delivers nothing.
    /// </summary>
    /// <param name="reply">The reply.</param>
    public static AnswerClass Classify(JobAttributesReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.IsStaged ? AnswerClass.Accepted : reply.RefusesRecord ? AnswerClass.RecordVerdict : AnswerClass.Unexpected;
    }

    /// <summary>Whether <paramref name="failure"/> is a failure of the service or of the way to it (not a bug): the record is not lost, only not delivered.</summary>
    /// <param name="failure">The exception.</param>
    public static bool IsSendFailure(Exception failure) =>
        failure is UsageServiceException or UsageValidationException or HttpRequestException or IOException or JsonException or TimeoutException;

    /// <summary>The delay the service asked for, if any (<c>Retry-After</c> on a 429 or 503).</summary>
    /// <param name="failure">The exception.</param>
    public static TimeSpan? RetryAfterOf(Exception? failure) =>
        failure is ServiceUnavailableException { RetryAfter: { } delay } && delay > TimeSpan.Zero ? delay : null;
}
