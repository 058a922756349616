using UsageSchema.Cli.Sending;

namespace UsageSchema.Cli.Verification;

/// <summary>The verifier of each API.</summary>
internal static class Verifiers
{
    /// <summary>The verifier for <paramref name="service"/>.</summary>
    public static IServiceVerifier For(ServiceKind service) => service switch
    {
        ServiceKind.Amie => new AmieVerifier(),
        _ => throw new NotSupportedException($"verify {service.ToString().ToLowerInvariant()} is not implemented yet."),
    };
}
