using System.Text;
using System.Text.Json;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox;

/// <summary>
/// A record ready to be enqueued: its API, type, canonical dedupe key and wire JSON. Make one with
/// <see cref="For(IUsageRecord)"/>.
/// </summary>
/// <remarks>
/// Dedupe keys are JSON arrays of strings, so no separator can be forged: the record's
/// <see cref="IUsageRecord.WireIdentity"/>, generated from the spec's <c>x-upsert-key</c> (AMIE
/// <c>[Resource, LocalRecordID]</c>; PERSEUS
/// <c>[project_oid, compute_project_id, resource_id, start, end, user, partition, priority]</c> with
/// <c>start</c> and <c>end</c> as UTC instants, so the same instant written with different offsets is
/// the same key; gateway <c>[xsederesourcename, jobid]</c>). A record missing a required key field (an
/// invalid record) gets a unique key, so it is stored on its own and then rejected by validation.
/// </remarks>
public sealed record OutboxItem
{
    // The wire JSON as the serializer wrote it, UTF-8: what the stores bind (SQLite stores text as
    // UTF-8), so an enqueue never turns it into UTF-16 and back. The string is made only when asked for.
    private readonly byte[] _payloadUtf8;
    private string? _payload;

    private OutboxItem(UsageApi api, string recordType, string dedupeKey, byte[] payloadUtf8)
    {
        Api = api;
        RecordType = recordType;
        DedupeKey = dedupeKey;
        _payloadUtf8 = payloadUtf8;
    }

    /// <summary>The API.</summary>
    public UsageApi Api { get; }

    /// <summary>The record type name stored with the entry.</summary>
    public string RecordType { get; }

    /// <summary>The canonical dedupe key.</summary>
    public string DedupeKey { get; }

    /// <summary>The wire JSON.</summary>
    public string Payload => _payload ??= Encoding.UTF8.GetString(_payloadUtf8);

    /// <summary>The wire JSON, UTF-8 (what <see cref="Payload"/> decodes).</summary>
    internal ReadOnlySpan<byte> PayloadUtf8 => _payloadUtf8;

    /// <summary>
    /// Where the record came from, for people reading a problem later (e.g. <c>records.jsonl line 42</c>);
    /// null by default. Set it with <c>OutboxItem.For(record) with { Source = ... }</c>. Stored with the
    /// payload (an enqueue that writes the payload writes its source too) and returned as
    /// <see cref="OutboxEntry.Source"/>; it is not part of the record's identity or of "same payload".
    /// </summary>
    public string? Source { get; init; }

    /// <summary>A record of any API: an AMIE record, a PERSEUS usage report or a gateway job's attributes, without the members the spec marks secret (the legacy <c>apikey</c>).</summary>
    /// <param name="record">The record.</param>
    public static OutboxItem For(IUsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Never store a key: the spec's x-secret members (the legacy apikey field) are left out.
        var type = record.GetType();
        var payload = SecretFields.Strip(type, JsonSerializer.SerializeToUtf8Bytes(record, type, UsageJson.Options));
        return new OutboxItem(record.Api, OutboxRecordTypes.StoredName(record.RecordKind), DedupeKeys.Of(record), payload);
    }

    /// <summary>Whether <paramref name="other"/> is the same item: API, type, key, source and payload (byte for byte, which is character for character).</summary>
    /// <param name="other">The other item.</param>
    public bool Equals(OutboxItem? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Api == other.Api
                && string.Equals(RecordType, other.RecordType, StringComparison.Ordinal)
                && string.Equals(DedupeKey, other.DedupeKey, StringComparison.Ordinal)
                && string.Equals(Source, other.Source, StringComparison.Ordinal)
                && PayloadUtf8.SequenceEqual(other.PayloadUtf8)));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Api);
        hash.Add(RecordType, StringComparer.Ordinal);
        hash.Add(DedupeKey, StringComparer.Ordinal);
        hash.Add(Source, StringComparer.Ordinal);
        hash.AddBytes(_payloadUtf8);
        return hash.ToHashCode();
    }

    /// <summary>The item's API, type, key and source; never the payload (it can be large, and it is the record's data).</summary>
    public override string ToString() => $"OutboxItem {{ Api = {Api}, RecordType = {RecordType}, DedupeKey = {DedupeKey}, Source = {Source} }}";
}

/// <summary>The record type names stored in the outbox (each schema's name, AMIE's without <c>UsageRecord</c>).</summary>
public static class RecordTypes
{
    /// <summary>An AMIE compute record.</summary>
    public const string Compute = "Compute";

    /// <summary>An AMIE storage record.</summary>
    public const string Storage = "Storage";

    /// <summary>An AMIE adjustment record.</summary>
    public const string Adjustment = "Adjustment";

    /// <summary>A PERSEUS usage report.</summary>
    public const string UsageReport = "UsageReport";

    /// <summary>Gateway job attributes.</summary>
    public const string JobAttributes = "JobAttributes";
}
