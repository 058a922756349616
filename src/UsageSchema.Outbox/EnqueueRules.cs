namespace UsageSchema.Outbox;

/// <summary>How an enqueue writes an item over the entry stored under its key.</summary>
internal enum Replacement
{
    /// <summary>Nothing is written.</summary>
    None,

    /// <summary>The pending entry takes the new payload and stays pending.</summary>
    Waiting,

    /// <summary>The claimed entry takes the new payload, flagged <c>superseded</c>: the send in flight finishes with the old one, then it is pending again.</summary>
    InFlight,

    /// <summary>The entry takes the new payload and starts over: pending, no attempts, no error.</summary>
    FreshStart,
}

/// <summary>
/// The enqueue rules of the README ("Enqueue rules"), in one place for both stores: what an item does to
/// the entry already stored under its key.
/// </summary>
internal static class EnqueueRules
{
    /// <summary>The outcome and the write for an item meeting a stored entry.</summary>
    /// <param name="api">The item's API.</param>
    /// <param name="stored">The stored entry's state.</param>
    /// <param name="samePayload">Whether the stored payload is the item's, character for character.</param>
    public static (EnqueueOutcome Outcome, Replacement Write) Decide(UsageApi api, OutboxState stored, bool samePayload) => stored switch
    {
        // A corrected record (same key, new content) replaces what waits, for every API: the stale
        // payload must never be the one sent.
        OutboxState.Pending or OutboxState.Claimed when samePayload => (EnqueueOutcome.AlreadyQueued, Replacement.None),
        OutboxState.Pending => (EnqueueOutcome.Replaced, Replacement.Waiting),

        // In flight: the sender's outcome applies to the old payload; the new one is sent after it.
        OutboxState.Claimed => (EnqueueOutcome.Replaced, Replacement.InFlight),
        OutboxState.Delivered when samePayload || api != UsageApi.Perseus => (EnqueueOutcome.AlreadyDelivered, Replacement.None),
        OutboxState.Rejected when samePayload => (EnqueueOutcome.AlreadyRejected, Replacement.None),

        // A changed PERSEUS report after delivery (the service upserts: last wins), or a changed
        // version of a rejected record: a fresh start.
        _ => (EnqueueOutcome.Replaced, Replacement.FreshStart),
    };

    /// <summary>The entry's state after <paramref name="write"/>.</summary>
    public static OutboxState After(OutboxState stored, Replacement write) => write switch
    {
        Replacement.FreshStart => OutboxState.Pending,
        _ => stored,
    };
}
