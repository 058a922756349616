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

/// <summary>The outcome of one claimed entry, with the reason for a rejection or release.</summary>
internal sealed record EntryOutcome(long Id, EntryOutcomeKind Kind, string? Reason = null)
{
    public static EntryOutcome Delivered(long id) => new(id, EntryOutcomeKind.Delivered);

    public static EntryOutcome Rejected(long id, string reason) => new(id, EntryOutcomeKind.Rejected, reason);

    public static EntryOutcome Released(long id, string reason) => new(id, EntryOutcomeKind.Released, reason);
}

/// <summary>Text for reasons kept in the outbox.</summary>
internal static class Reasons
{
    public static string Of(string message, IReadOnlyList<Violation> violations) =>
        violations.Count == 0 ? message : message + " [" + string.Join("; ", violations.Select(violation => violation.ToString())) + "]";

    public static string Of(UsageServiceException exception) =>
        exception.ServiceMessage is { Length: > 0 } serviceMessage ? $"{exception.Message} (service: {serviceMessage})" : exception.Message;

    /// <summary>
    /// Whether a service failure says something about the record itself (a 4xx other than 401/403/408/429),
    /// so sending it again would fail the same way.
    /// </summary>
    public static bool IsPermanent(UsageServiceException exception) =>
        exception is ServiceRejectedException and not ServiceAuthenticationException
        && exception.StatusCode is not (408 or 429);
}

/// <summary>Sends claimed entries of one API and says what became of each.</summary>
internal interface IApiDispatch
{
    OutboxApi Api { get; }

    Task<IReadOnlyList<EntryOutcome>> SendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);
}
