using UsageSchema.Errors;
using UsageSchema.Validation;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>What sending did with one claimed entry.</summary>
internal enum EntryOutcomeKind
{
    Delivered,
    Rejected,
    Released,
}

/// <summary>
/// The outcome of one claimed entry, with the reason for a rejection or release; a release may carry
/// the delay the service asked for, and whether the rest of the pass for this API is not to be sent.
/// </summary>
internal sealed record EntryOutcome(long Id, EntryOutcomeKind Kind, string? Reason = null, TimeSpan? RetryAfter = null, bool StopsPass = false)
{
    public static EntryOutcome Delivered(long id) => new(id, EntryOutcomeKind.Delivered);

    public static EntryOutcome Rejected(long id, string reason) => new(id, EntryOutcomeKind.Rejected, reason);

    public static EntryOutcome Released(long id, string reason) => new(id, EntryOutcomeKind.Released, reason);

    /// <summary>The outcome <see cref="DeliveryOutcomes"/> gives a failure: rejected only for a verdict on the record.</summary>
    public static EntryOutcome Of(long id, AnswerClass answer, string reason, Exception? failure)
    {
        var rule = DeliveryOutcomes.RuleOf(answer);
        if (answer == AnswerClass.Authentication)
        {
            reason = "authentication refused (check the key, token or site name): " + reason;
        }

        return rule.Rejects
            ? Rejected(id, reason)
            : new(id, EntryOutcomeKind.Released, reason, DeliveryOutcomes.RetryAfterOf(failure), rule.StopsPass);
    }
}

/// <summary>Text for reasons kept in the outbox.</summary>
internal static class Reasons
{
    public static string Of(string message, IReadOnlyList<Violation> violations) =>
        violations.Count == 0 ? message : message + " [" + string.Join("; ", violations.Select(violation => violation.ToString())) + "]";

    public static string Of(UsageServiceException exception) =>
        exception.ServiceMessage is { Length: > 0 } serviceMessage ? $"{exception.Message} (service: {serviceMessage})" : exception.Message;

    /// <summary>The reason kept for any failure: the service's message when there is one.</summary>
    public static string Of(Exception exception) => exception switch
    {
        UsageValidationException invalid => Of(invalid.Message, invalid.Violations),
        UsageServiceException service => Of(service),
        _ => exception.Message,
    };
}

/// <summary>Sends claimed entries of one API and says what became of each.</summary>
internal interface IApiDispatch
{
    UsageApi Api { get; }

    Task<IReadOnlyList<EntryOutcome>> SendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);
}
