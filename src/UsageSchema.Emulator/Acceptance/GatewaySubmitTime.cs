using System.Globalization;
using System.Text.RegularExpressions;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// Reads a gateway <c>submittime</c> in every form live gateways are seen to send (public gateway
/// scripts, see <see cref="KnownForms"/>): <c>2019-05-31 14:32:00 -07:00</c>, <c>-0700</c>, <c>Z</c>, <c>UTC</c>,
/// <c>-07</c>, a zone abbreviation (<c>2019-05-31 14:32 PST</c>, <c>CEST</c>), no seconds, fractional seconds, a <c>T</c>
/// separator, or no zone at all (read as UTC, the emulator's choice: the service's is [UNKNOWN]).
/// </summary>
internal static partial class GatewaySubmitTime
{
    /// <summary>The form the emulator writes back (<c>Job submitted: 2019-05-31 14:32:00-0700</c> is written elsewhere).</summary>
    public const string CanonicalFormat = "yyyy-MM-dd HH:mm:ss zzz";

    // The zone abbreviations `date +%Z` prints on gateway hosts that the spec's submittime pattern
    // accepts (spec/access-gateway-attributes.v2.yaml): US zones, UTC/UT/GMT, and the European
    // WET/CET/EET with their summer forms, upper case as the pattern has them. An ambiguous one
    // (IST, BST) is in neither.
    private static readonly Dictionary<string, TimeSpan> Abbreviations = new(StringComparer.Ordinal)
    {
        ["UTC"] = TimeSpan.Zero, ["UT"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
        ["AKST"] = TimeSpan.FromHours(-9), ["AKDT"] = TimeSpan.FromHours(-8),
        ["HST"] = TimeSpan.FromHours(-10), ["HDT"] = TimeSpan.FromHours(-9),
        ["WET"] = TimeSpan.Zero, ["WEST"] = TimeSpan.FromHours(1),
        ["CET"] = TimeSpan.FromHours(1), ["CEST"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3),
    };

    /// <summary>Reads <paramref name="text"/>; false when it is none of the live forms.</summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        var match = text is null ? null : LiveForm().Match(text.Trim());
        if (match is null || !match.Success)
        {
            return false;
        }

        var clock = match.Groups["date"].Value + " " + match.Groups["hm"].Value + ":" + (match.Groups["s"].Success ? match.Groups["s"].Value : "00");
        if (!DateTime.TryParseExact(clock, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        if (match.Groups["f"].Success)
        {
            // Up to nine digits (nanoseconds, as some clients print them); a tick is 100 ns, so the rest is dropped.
            local = local.AddTicks((long)(double.Parse("0." + match.Groups["f"].Value, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
        }

        TimeSpan offset;
        var zone = match.Groups["zone"].Value;
        if (zone.Length == 0)
        {
            offset = TimeSpan.Zero;
        }
        else if (zone[0] is '+' or '-')
        {
            // -07:00, -0700, or -07 (Python's %z on a whole-hour zone is -0700; ISO 8601 allows -07).
            var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            var hours = int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
            var minutes = digits.Length > 2 ? int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
        }
        else if (!Abbreviations.TryGetValue(zone, out offset))
        {
            return false;
        }

        time = new DateTimeOffset(local, offset);
        return true;
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[ T](?<hm>\d{2}:\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)? ?(?<zone>[+-]\d{2}(:?\d{2})?|[A-Za-z]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LiveForm();
}
