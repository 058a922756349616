using System.Diagnostics;
using System.Diagnostics.Metrics;
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

    /// <summary>The name of the library's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>UsageSchema</c>.</summary>
    public const string MeterName = "UsageSchema";

    private static readonly string? Version = typeof(UsageSchemaTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    internal static ActivitySource Source { get; } = new(ActivitySourceName, Version);

    // One meter for the assembly, for the process's lifetime: instruments are created once on it.
    internal static Meter Meter { get; } = new(MeterName, Version);
}
