using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageSchema.Serialization;
using UsageSchema.Validation;

namespace UsageSchema.Perseus;

/// <summary>
/// The one wire form of a report's <c>start</c> and <c>end</c>: UTC, milliseconds, <c>Z</c>
/// (<c>2024-05-01T00:00:00.000Z</c>), what the PERSEUS portal sends with JavaScript's
/// <c>Date.toISOString()</c> (the spec's <c>x-wire-format</c>).
/// </summary>
/// <remarks>
/// Both are part of PERSEUS's upsert key and are documented as strings. If the service compares
/// them as text, <c>...Z</c>, <c>....000Z</c> and <c>+00:00</c> for one instant are three keys, and a
/// re-send would add a report instead of overwriting it. Writing every instant in one form keeps
/// re-sends matching. Digits below the millisecond are dropped, as <c>toISOString()</c> does.
/// </remarks>
public static class PerseusWireTime
{
    /// <summary>The format, as a .NET custom format string (the spec writes it <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>).</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly string[] TimeMembers = [UsageReport.WireNames.Start, UsageReport.WireNames.End];

    /// <summary>The canonical text of an instant.</summary>
    /// <param name="instant">Any instant; its offset does not matter.</param>
    public static string ToWire(DateTimeOffset instant) => instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The canonical text of an ISO 8601 date-time with offset; other text unchanged (validation reports it).</summary>
    /// <param name="text">A date-time as set on a report.</param>
    public static string? ToWire(string? text) => text is not null && Iso8601.TryParse(text, out var instant) ? ToWire(instant) : text;

    /// <summary>
    /// The request body of <paramref name="report"/>: its JSON with <c>start</c> and <c>end</c> in
    /// the canonical form. The report itself is not changed.
    /// </summary>
    /// <param name="report">The report to send.</param>
    public static byte[] Body(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var json = JsonSerializer.SerializeToNode(report, UsageJson.Options)!.AsObject();
        foreach (var member in TimeMembers)
        {
            if (json[member] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                json[member] = ToWire(text);
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(json, UsageJson.Options);
    }
}
