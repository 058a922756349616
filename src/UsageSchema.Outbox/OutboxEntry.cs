namespace UsageSchema.Outbox;

/// <summary>One stored record and where it is in its life cycle.</summary>
/// <param name="Id">The entry's id (increasing in enqueue order).</param>
/// <param name="Api">The service it is for.</param>
/// <param name="DedupeKey">The canonical identity of the record within <paramref name="Api"/> (see <see cref="OutboxItem"/>).</param>
/// <param name="RecordType">The record's type: <c>Compute</c>, <c>Storage</c>, <c>Adjustment</c>, <c>UsageReport</c> or <c>JobAttributes</c>.</param>
/// <param name="Payload">The record's wire JSON, written with <c>UsageJson.Options</c>.</param>
/// <param name="State">The state.</param>
/// <param name="Attempts">Failed delivery attempts so far (releases and expired leases).</param>
/// <param name="LastError">The last failure: the service's message or the violations.</param>
/// <param name="ClaimedBy">The sender holding (or last holding) the claim.</param>
/// <param name="LeaseExpiresAt">When the claim lapses and the entry may be claimed again.</param>
/// <param name="CreatedAt">When the entry was first enqueued.</param>
/// <param name="UpdatedAt">When the entry last changed.</param>
/// <param name="DeliveredAt">When the service accepted it.</param>
/// <param name="Source">Where the stored payload came from (<see cref="OutboxItem.Source"/>), or null.</param>
public sealed record OutboxEntry(
    long Id,
    UsageApi Api,
    string DedupeKey,
    string RecordType,
    string Payload,
    OutboxState State,
    int Attempts,
    string? LastError,
    string? ClaimedBy,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeliveredAt,
    string? Source = null);

/// <summary>How many entries of one API are in one state.</summary>
/// <param name="Api">The API.</param>
/// <param name="State">The state.</param>
/// <param name="Count">The number of entries.</param>
public sealed record OutboxCount(UsageApi Api, OutboxState State, long Count);

/// <summary>What an enqueue did with one item.</summary>
public enum EnqueueOutcome
{
    /// <summary>A new pending entry was written.</summary>
    Added,

    /// <summary>The identical record (same key, same payload) is already waiting (pending or claimed); nothing changed.</summary>
    AlreadyQueued,

    /// <summary>
    /// A corrected record (same key, new payload) replaced what was waiting, for every API, so the stale
    /// payload is never the one sent; also a changed version of a rejected record, and, for PERSEUS, of a
    /// delivered one (the service upserts: last wins). The entry is pending again (after the send in flight, if it was claimed).
    /// </summary>
    Replaced,

    /// <summary>The record was delivered already; it is not sent again.</summary>
    AlreadyDelivered,

    /// <summary>The same payload was rejected already; it is not sent again.</summary>
    AlreadyRejected,
}

/// <summary>The result of enqueuing one item.</summary>
/// <param name="Id">The entry the item is stored in.</param>
/// <param name="Outcome">What happened.</param>
public sealed record EnqueueResult(long Id, EnqueueOutcome Outcome);

/// <summary>Which entries <see cref="IUsageOutbox.ListAsync"/> returns.</summary>
/// <param name="State">Only this state, or all.</param>
/// <param name="Api">Only this API, or all.</param>
/// <param name="Limit">At most this many, in id order.</param>
public sealed record OutboxQuery(OutboxState? State = null, UsageApi? Api = null, int Limit = 1000);
