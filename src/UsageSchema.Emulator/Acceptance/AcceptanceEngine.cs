namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// The emulator's own reading of the three specs: a second reading, independent of the client's
/// generated <c>Validate()</c>, so that tests can see where the client is stricter or looser than
/// the services. Read once per process (building the schemas is the costly part).
/// </summary>
internal sealed class AcceptanceEngine
{
    private static readonly Lazy<AcceptanceEngine> SharedEngine = new(() => new AcceptanceEngine());

    private AcceptanceEngine()
    {
        Amie = SpecDocument.Load("amie-usage.v1.yaml", UsageApi.Amie);
        Gateway = SpecDocument.Load("access-gateway-attributes.v2.yaml", UsageApi.GatewayAttributes);
        Perseus = SpecDocument.Load("perseus-usage-reporting.yaml", UsageApi.Perseus);
    }

    /// <summary>The engine of this process.</summary>
    public static AcceptanceEngine Shared => SharedEngine.Value;

    /// <summary><c>spec/amie-usage.v1.yaml</c>.</summary>
    public SpecDocument Amie { get; }

    /// <summary><c>spec/access-gateway-attributes.v2.yaml</c>.</summary>
    public SpecDocument Gateway { get; }

    /// <summary><c>spec/perseus-usage-reporting.yaml</c>.</summary>
    public SpecDocument Perseus { get; }
}
