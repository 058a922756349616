using System.Diagnostics;
using System.Reflection;

namespace UsageSchema.DependencyInjection;

/// <summary>
/// The tracing source of the clients. Subscribe to <see cref="ActivitySourceName"/> (for example
/// OpenTelemetry's <c>AddSource("UsageSchema")</c>) to see one activity per batch and one per HTTP
/// call, tagged with record counts, bytes, status codes and attempts; never with keys or tokens.
/// </summary>
public static class UsageSchemaTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/>: <c>UsageSchema</c>.</summary>
    public const string ActivitySourceName = "UsageSchema";

    internal static ActivitySource Source { get; } = new(
        ActivitySourceName,
        typeof(UsageSchemaTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
}
