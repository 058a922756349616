namespace UsageSchema.Emulator;

/// <summary>
/// The members the emulator adds to a row of the gateway read-back (the job attributes GET) beyond the
/// documented ones, so that <c>usage-schema verify gateway</c> can compare what it was told: the real
/// service documents no such columns, so a reader treats them as optional and the names live here once,
/// for the emulator that writes them and the verifier that reads them.
/// </summary>
public static class GatewayReadBackExtras
{
    /// <summary>The gateway end user the job was submitted for (the submission's <c>gatewayuser</c>).</summary>
    public const string GatewayUser = "gateway_user";

    /// <summary>The application the job ran, when the submission named one.</summary>
    public const string Software = "software";
}
