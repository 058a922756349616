using System.Globalization;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Serialization;
using UsageSchema.Validation;

namespace UsageSchema.Outbox;

/// <summary>
/// A record ready to be enqueued: its API, type, canonical dedupe key and wire JSON. Make one with
/// <see cref="For(ComputeUsageRecord)"/> and its overloads.
/// </summary>
/// <remarks>
/// Dedupe keys are JSON arrays of strings, so no separator can be forged:
/// AMIE <c>[Resource, LocalRecordID]</c>; PERSEUS the eight-field upsert key
/// <c>[project_oid, compute_project_id, resource_id, start, end, user, partition, priority]</c> with
/// <c>start</c> and <c>end</c> normalised to UTC (<c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>) when they are valid
/// date-times, so the same instant written with different offsets is the same key; gateway
/// <c>[xsederesourcename, jobid]</c>. A record missing a key field (an invalid record) gets a unique
/// key, so it is stored on its own and then rejected by validation.
/// </remarks>
public sealed record OutboxItem
{
    private OutboxItem(UsageApi api, string recordType, string dedupeKey, string payload)
    {
        Api = api;
        RecordType = recordType;
        DedupeKey = dedupeKey;
        Payload = payload;
    }

    /// <summary>The API.</summary>
    public UsageApi Api { get; }

    /// <summary>The record type name stored with the entry.</summary>
    public string RecordType { get; }

    /// <summary>The canonical dedupe key.</summary>
    public string DedupeKey { get; }

    /// <summary>The wire JSON.</summary>
    public string Payload { get; }

    /// <summary>
    /// Where the record came from, for people reading a problem later (e.g. <c>records.jsonl line 42</c>);
    /// null by default. Set it with <c>OutboxItem.For(record) with { Source = ... }</c>. Stored with the
    /// payload (an enqueue that writes the payload writes its source too) and returned as
    /// <see cref="OutboxEntry.Source"/>; it is not part of the record's identity or of "same payload".
    /// </summary>
    public string? Source { get; init; }

    /// <summary>An AMIE compute record.</summary>
    /// <param name="record">The record.</param>
    public static OutboxItem For(ComputeUsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Amie(RecordTypes.Compute, record.Resource, record.LocalRecordId, Wire(record));
    }

    /// <summary>An AMIE storage record.</summary>
    /// <param name="record">The record.</param>
    public static OutboxItem For(StorageUsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Amie(RecordTypes.Storage, record.Resource, record.LocalRecordId, Wire(record));
    }

    /// <summary>An AMIE adjustment record.</summary>
    /// <param name="record">The record.</param>
    public static OutboxItem For(AdjustmentUsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Amie(RecordTypes.Adjustment, record.Resource, record.LocalRecordId, Wire(record));
    }

    /// <summary>A PERSEUS usage report.</summary>
    /// <param name="report">The report.</param>
    public static OutboxItem For(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string?[] key = [report.ProjectOid, report.ComputeProjectId, report.ResourceId, Instant(report.Start), Instant(report.End), report.User, report.Partition, report.Priority];
        return new OutboxItem(UsageApi.Perseus, RecordTypes.UsageReport, DedupeKeys.Of(key), Wire(report));
    }

    /// <summary>A gateway job's attributes, without the members the spec marks secret (the legacy <c>apikey</c>).</summary>
    /// <param name="attributes">The attributes.</param>
    public static OutboxItem For(JobAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        // Never store a key: the spec's x-secret members (the legacy apikey field) are left out.
        return new OutboxItem(UsageApi.GatewayAttributes, RecordTypes.JobAttributes, Key(attributes.XsedeResourceName, attributes.JobId), Wire(attributes));
    }

    /// <summary>Any record of the three APIs.</summary>
    /// <param name="record">A compute, storage or adjustment record, a usage report or job attributes.</param>
    /// <exception cref="ArgumentException">Not one of those types.</exception>
    public static OutboxItem For(object record) => record switch
    {
        ComputeUsageRecord compute => For(compute),
        StorageUsageRecord storage => For(storage),
        AdjustmentUsageRecord adjustment => For(adjustment),
        UsageReport report => For(report),
        JobAttributes attributes => For(attributes),
        null => throw new ArgumentNullException(nameof(record)),
        _ => throw new ArgumentException($"An outbox takes AMIE records, PERSEUS usage reports and gateway job attributes, not {record.GetType().Name}.", nameof(record)),
    };

    /// <summary>The item's API, type, key and source; never the payload (it can be large, and it is the record's data).</summary>
    public override string ToString() => $"OutboxItem {{ Api = {Api}, RecordType = {RecordType}, DedupeKey = {DedupeKey}, Source = {Source} }}";

    /// <summary>The record's wire JSON as stored: never with a member the spec marks <c>x-secret</c>.</summary>
    private static string Wire<T>(T record) => SecretFields.Strip(typeof(T), JsonSerializer.Serialize(record, UsageJson.Options));

    private static OutboxItem Amie(string type, string? resource, string? localRecordId, string payload) =>
        new(UsageApi.Amie, type, Key(resource, localRecordId), payload);

    private static string Key(string? first, string? second) =>
        string.IsNullOrEmpty(first) || string.IsNullOrEmpty(second)
            ? DedupeKeys.Of("unkeyed", Guid.NewGuid().ToString("N"))
            : DedupeKeys.Of(first, second);

    private static string? Instant(string? text) =>
        text is not null && Iso8601.TryParse(text, out var instant)
            ? instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
            : text;
}

/// <summary>The record type names stored in the outbox.</summary>
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
