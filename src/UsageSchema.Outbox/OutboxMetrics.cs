using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace UsageSchema.Outbox;

/// <summary>
/// The outbox's instruments, on the <see cref="MeterName"/> meter: entries the dispatcher marked
/// delivered, rejected (the service refused them; they will not be sent again) or released (back to
/// pending, to be retried), each tagged <c>usage.api</c> (<c>amie</c>, <c>perseus</c>, <c>gateway</c>).
/// A rejected count above zero or released entries pass after pass are what an operator alerts on.
/// </summary>
public static class OutboxMetrics
{
    /// <summary>The name of the outbox's <see cref="Meter"/>: <c>UsageSchema.Outbox</c>.</summary>
    public const string MeterName = "UsageSchema.Outbox";

    /// <summary>The tag naming the API, as the library's instruments name it.</summary>
    public const string ApiTag = "usage.api";

    private static readonly Meter Meter = new(MeterName, typeof(OutboxMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>(
        "usage_schema.outbox.records.delivered", "{record}", "Outbox entries the service accepted.");

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        "usage_schema.outbox.records.rejected", "{record}", "Outbox entries the service refused; they are not sent again.");

    private static readonly Counter<long> Released = Meter.CreateCounter<long>(
        "usage_schema.outbox.records.released", "{record}", "Outbox entries released back to pending after a failed attempt.");

    internal static void Outcomes(OutboxApi api, int delivered, int rejected, int released)
    {
        var tags = new TagList { { ApiTag, OutboxNames.Of(api) } };

        // Zero is added too, so that a batch that delivered nothing still reports the series (0, not absent).
        Delivered.Add(delivered, tags);
        Rejected.Add(rejected, tags);
        Released.Add(released, tags);
    }
}
