using System.Globalization;
using UsageSchema.Validation;

namespace UsageSchema.Amie.Sending;

/// <summary>
/// A record the sender did not deliver, and why. The rest of the batch is unaffected: its valid
/// neighbours are still sent.
/// </summary>
public sealed class LocalRecordFailure
{
    /// <summary>Creates a failure.</summary>
    /// <param name="index">The record's 0-based position in the input.</param>
    /// <param name="usageType">The record's usage type; null when the item is null.</param>
    /// <param name="localRecordId">The record's <c>LocalRecordID</c>, if it has one.</param>
    /// <param name="resource">The record's <c>Resource</c>, if it has one.</param>
    /// <param name="reason">Why the record was kept back.</param>
    /// <param name="message">A sentence naming the record and the problem.</param>
    /// <param name="violations">The spec violations, for <see cref="LocalFailureReason.Invalid"/>.</param>
    /// <param name="record">The record itself, so that it can be fixed or kept for later.</param>
    public LocalRecordFailure(long index, UsageType? usageType, string? localRecordId, string? resource, LocalFailureReason reason, string message, IReadOnlyList<Violation> violations, IAmieUsageRecord? record)
    {
        Index = index;
        UsageType = usageType;
        LocalRecordId = localRecordId;
        Resource = resource;
        Reason = reason;
        Message = message;
        Violations = violations;
        Record = record;
    }

    /// <summary>The record's 0-based position in the input.</summary>
    public long Index { get; }

    /// <summary>The record's usage type; null when the item is null.</summary>
    public UsageType? UsageType { get; }

    /// <summary>The record's <c>LocalRecordID</c>, if it has one.</summary>
    public string? LocalRecordId { get; }

    /// <summary>The record's <c>Resource</c>, if it has one.</summary>
    public string? Resource { get; }

    /// <summary>Why the record was kept back.</summary>
    public LocalFailureReason Reason { get; }

    /// <summary>A sentence naming the record and the problem.</summary>
    public string Message { get; }

    /// <summary>The spec violations; empty unless <see cref="Reason"/> is <see cref="LocalFailureReason.Invalid"/>.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>The record itself.</summary>
    public IAmieUsageRecord? Record { get; }

    /// <inheritdoc />
    public override string ToString() => $"#{Index.ToString(CultureInfo.InvariantCulture)} {Reason}: {Message}";
}
