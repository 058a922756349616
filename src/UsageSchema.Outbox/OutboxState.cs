namespace UsageSchema.Outbox;

/// <summary>The life cycle of an outbox entry.</summary>
public enum OutboxState
{
    /// <summary>Waiting to be sent (also after a transient failure).</summary>
    Pending,

    /// <summary>Handed to a sender until its lease expires.</summary>
    Claimed,

    /// <summary>Accepted by the service; never sent again.</summary>
    Delivered,

    /// <summary>Refused for good (invalid, or refused by the service); kept with the reason, never sent again.</summary>
    Rejected,
}

internal static class OutboxNames
{
    /// <summary>The stored text of an API: its short name.</summary>
    public static string Of(UsageApi api) => UsageApiNames.Of(api);

    public static string Of(OutboxState state) => state switch
    {
        OutboxState.Pending => "pending",
        OutboxState.Claimed => "claimed",
        OutboxState.Delivered => "delivered",
        OutboxState.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown state."),
    };

    public static UsageApi ParseApi(string text) =>
        UsageApiNames.TryParse(text, out var api) ? api : throw new InvalidDataException($"Unknown outbox api '{text}'.");

    public static OutboxState ParseState(string text) => text switch
    {
        "pending" => OutboxState.Pending,
        "claimed" => OutboxState.Claimed,
        "delivered" => OutboxState.Delivered,
        "rejected" => OutboxState.Rejected,
        _ => throw new InvalidDataException($"Unknown outbox state '{text}'."),
    };
}
