using Microsoft.AspNetCore.Http;

namespace UsageSchema.Emulator;

/// <summary>The path prefixes the three services are served under, on one listener.</summary>
public static class EmulatorRoutes
{
    /// <summary>The AMIE Usage API's base path: <c>/amie/api/v1</c> (the real one is <c>https://usage.access-ci.org/api/v1</c>).</summary>
    public const string AmiePrefix = "/amie/api/v1";

    /// <summary>The Gateway Attributes API's base path: <c>/acdb</c> (the real one is <c>https://allocations-api.access-ci.org/acdb</c>).</summary>
    public const string GatewayPrefix = "/acdb";

    /// <summary>PERSEUS's base path, proxy prefix included: <c>/perseus/api</c> (the real one is <c>https://&lt;host&gt;/api</c>).</summary>
    public const string PerseusPrefix = "/perseus/api";

    internal static EmulatedServices ServiceOf(PathString path) =>
        path.StartsWithSegments(AmiePrefix, StringComparison.OrdinalIgnoreCase) ? EmulatedServices.Amie
        : path.StartsWithSegments(GatewayPrefix, StringComparison.OrdinalIgnoreCase) ? EmulatedServices.Gateway
        : path.StartsWithSegments(PerseusPrefix, StringComparison.OrdinalIgnoreCase) ? EmulatedServices.Perseus
        : EmulatedServices.None;
}
