namespace UsageSchema;

/// <summary>
/// Which of the three services: the one model of "which API" for the library, the outbox, the CLI
/// and the emulator. A spec's <c>x-usage-record: &lt;api&gt;</c> names one of these members
/// (<c>gateway-attributes</c> is <see cref="GatewayAttributes"/>), and the generated record
/// interface of that API (<c>IAmieUsageRecord</c>, ...) returns it as <c>Api</c>. Its short names
/// (stored by the outbox, typed on the command line) are <see cref="UsageApiNames"/>.
/// </summary>
/// <remarks>The numeric values are those of the outbox's former <c>OutboxApi</c>; nothing stores them (the outbox stores the short names).</remarks>
public enum UsageApi
{
    /// <summary>The AMIE Usage API (compute, storage and adjustment records); short name <c>amie</c>.</summary>
    Amie,

    /// <summary>PERSEUS UsageReporting (usage reports); short name <c>perseus</c>.</summary>
    Perseus,

    /// <summary>The ACCESS Gateway Attributes API (job attributes); short name <c>gateway</c>.</summary>
    GatewayAttributes,
}
