namespace UsageSchema.Cli.Verification;

/// <summary>The verifier of each API.</summary>
internal static class Verifiers
{
    /// <summary>The verifier for <paramref name="service"/>.</summary>
    /// <param name="service">The API.</param>
    /// <param name="gatewayGrant">The gateway only: the grant its jobs are charged to, to read every job (see <see cref="GatewayVerifier"/>).</param>
    public static IServiceVerifier For(UsageApi service, string? gatewayGrant = null) => service switch
    {
        UsageApi.Amie => new AmieVerifier(),
        UsageApi.GatewayAttributes => new GatewayVerifier(gatewayGrant),
        UsageApi.Perseus => new PerseusVerifier(),
        _ => throw new NotSupportedException($"verify {UsageApiNames.Of(service)} is not implemented."),
    };
}
