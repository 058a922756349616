namespace UsageSchema.Outbox;

/// <summary>
/// How the SQLite store (schema version 3) keeps an entry's API and state: small integers instead of
/// their names. SQLite writes 0 and 1 in a row's header alone, so a pending entry's state takes no byte
/// of the row, and the <c>(state, id)</c> index compares integers instead of text.
/// </summary>
internal static class SqliteCodes
{
    /// <summary>The stored <see cref="OutboxState.Pending"/>, as SQL.</summary>
    public const string Pending = "0";

    /// <summary>The stored <see cref="OutboxState.Claimed"/>, as SQL.</summary>
    public const string Claimed = "1";

    /// <summary>The stored <see cref="OutboxState.Delivered"/>, as SQL.</summary>
    public const string Delivered = "2";

    /// <summary>The stored <see cref="OutboxState.Rejected"/>, as SQL.</summary>
    public const string Rejected = "3";

    public static long Of(OutboxState state) => state switch
    {
        OutboxState.Pending => 0,
        OutboxState.Claimed => 1,
        OutboxState.Delivered => 2,
        OutboxState.Rejected => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown state."),
    };

    public static OutboxState State(long code) => code switch
    {
        0 => OutboxState.Pending,
        1 => OutboxState.Claimed,
        2 => OutboxState.Delivered,
        3 => OutboxState.Rejected,
        _ => throw new InvalidDataException($"Unknown outbox state code {code}."),
    };

    public static long Of(UsageApi api) => api switch
    {
        UsageApi.Amie => 0,
        UsageApi.Perseus => 1,
        UsageApi.GatewayAttributes => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Unknown API."),
    };

    public static UsageApi Api(long code) => code switch
    {
        0 => UsageApi.Amie,
        1 => UsageApi.Perseus,
        2 => UsageApi.GatewayAttributes,
        _ => throw new InvalidDataException($"Unknown outbox api code {code}."),
    };
}
