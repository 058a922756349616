using UsageSchema.Validation;

namespace UsageSchema;

/// <summary>
/// A usage record of one of the APIs, whatever its type: the base of the record interfaces the
/// generator emits from the spec's <c>x-usage-record</c> (<c>IAmieUsageRecord</c>,
/// <c>IGatewayAttributesUsageRecord</c>, <c>IPerseusUsageRecord</c>), so code that takes records of
/// any API (the outbox) asks the record instead of switching on its type.
/// </summary>
public interface IUsageRecord : IValidatable
{
    /// <summary>The API the record is for: its spec's <c>x-usage-record</c>.</summary>
    UsageApi Api { get; }

    /// <summary>The schema the record was generated from, e.g. <c>ComputeUsageRecord</c>.</summary>
    string RecordKind { get; }

    /// <summary>
    /// The record's identity to its service as text, in the order of the spec's <c>x-upsert-key</c>
    /// (e.g. <c>[Resource, LocalRecordID]</c>): a missing member is null, a date-time member is
    /// its UTC instant (<see cref="Validation.DateTimeKey.UtcText"/>) when it is a valid date-time.
    /// </summary>
    IReadOnlyList<string?> WireIdentity { get; }

    /// <summary>Whether every identity member the spec requires is present (not null or empty).</summary>
    bool HasWireIdentity { get; }
}
