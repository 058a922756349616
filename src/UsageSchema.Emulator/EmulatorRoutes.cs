using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using UsageSchema.Wire;

namespace UsageSchema.Emulator;

/// <summary>
/// The path prefixes the three services are served under, on one listener, and the mapping of a
/// spec operation to an endpoint: the route template is the spec's path (its <c>{name}</c>
/// parameters are route values of the same name) and the method is the spec's, so the emulator
/// serves whatever the spec says and nothing here names a route.
/// </summary>
public static class EmulatorRoutes
{
    /// <summary>The AMIE Usage API's base path: <c>/amie/api/v1</c> (the real one is <c>https://usage.access-ci.org/api/v1</c>).</summary>
    public const string AmiePrefix = "/amie/api/v1";

    /// <summary>The Gateway Attributes API's base path: <c>/acdb</c> (the real one is <c>https://allocations-api.access-ci.org/acdb</c>).</summary>
    public const string GatewayPrefix = "/acdb";

    /// <summary>PERSEUS's base path, proxy prefix included: <c>/perseus/api</c> (the real one is <c>https://&lt;host&gt;/api</c>).</summary>
    public const string PerseusPrefix = "/perseus/api";

    /// <summary>Serves <paramref name="operation"/> at its spec path and method, under <paramref name="group"/>'s prefix.</summary>
    internal static IEndpointConventionBuilder Map(IEndpointRouteBuilder group, SpecOperation operation, RequestDelegate handler) =>
        group.MapMethods(operation.PathTemplate, [operation.Method.Method], handler);

    /// <summary>The value of a path parameter of the matched operation, by its spec name; empty when absent.</summary>
    internal static string RouteValue(HttpContext context, string parameter) =>
        context.Request.RouteValues[parameter] as string ?? string.Empty;

    /// <summary>The service <paramref name="path"/> is under, by its prefix; null for none.</summary>
    internal static UsageApi? ServiceOf(PathString path) =>
        path.StartsWithSegments(AmiePrefix, StringComparison.OrdinalIgnoreCase) ? UsageApi.Amie
        : path.StartsWithSegments(GatewayPrefix, StringComparison.OrdinalIgnoreCase) ? UsageApi.GatewayAttributes
        : path.StartsWithSegments(PerseusPrefix, StringComparison.OrdinalIgnoreCase) ? UsageApi.Perseus
        : null;
}
