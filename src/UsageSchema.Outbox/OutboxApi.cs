namespace UsageSchema.Outbox;

/// <summary>The service an outbox entry is for; stored as <c>amie</c>, <c>perseus</c> or <c>gateway</c>.</summary>
public enum OutboxApi
{
    /// <summary>The AMIE Usage API (compute, storage and adjustment records).</summary>
    Amie,

    /// <summary>PERSEUS UsageReporting (usage reports).</summary>
    Perseus,

    /// <summary>The ACCESS Gateway Attributes API (job attributes).</summary>
    Gateway,
}

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
    public static string Of(OutboxApi api) => api switch
    {
        OutboxApi.Amie => "amie",
        OutboxApi.Perseus => "perseus",
        OutboxApi.Gateway => "gateway",
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Unknown API."),
    };

    public static string Of(OutboxState state) => state switch
    {
        OutboxState.Pending => "pending",
        OutboxState.Claimed => "claimed",
        OutboxState.Delivered => "delivered",
        OutboxState.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown state."),
    };

    public static OutboxApi ParseApi(string text) => text switch
    {
        "amie" => OutboxApi.Amie,
        "perseus" => OutboxApi.Perseus,
        "gateway" => OutboxApi.Gateway,
        _ => throw new InvalidDataException($"Unknown outbox api '{text}'."),
    };

    public static OutboxState ParseState(string text) => text switch
    {
        "pending" => OutboxState.Pending,
        "claimed" => OutboxState.Claimed,
        "delivered" => OutboxState.Delivered,
        "rejected" => OutboxState.Rejected,
        _ => throw new InvalidDataException($"Unknown outbox state '{text}'."),
    };
}
