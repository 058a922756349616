using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Json.Schema;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// The <c>date-time</c> format, read from a string element's UTF-8 bytes without a string: the same
/// verdict as JsonSchema.Net's own format (the full path's judge), and the instant as
/// <see cref="CrossFieldRules"/> reads it (<see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>),
/// from one pass over the bytes.
/// </summary>
/// <remarks>
/// <para>JsonSchema.Net 8's reading (the one to match, not RFC 3339's letter): <c>YYYY-MM-DD</c>, then
/// <c>T</c>, <c>t</c>, <c>_</c> or a space, <c>hh:mm:ss</c>, an optional <c>.</c> and one or more digits,
/// then <c>Z</c>, <c>z</c> or <c>±hh:mm</c> (hours 0–23); the day checked against its month (Feb 29
/// in leap years only); second 60 only where the time is 23:59 in UTC (on any date). A string with
/// an escape (a trailing <c>\n</c> matches its pattern's <c>$</c>) and the year 0000 (where it
/// throws) are left to JsonSchema.Net's format itself, so they cannot differ.</para>
/// <para>The instant is computed here only for the plain form (<c>T</c>, <c>Z</c> or an offset within
/// ±14:00, at most 7 fractional digits, second at most 59, years 0002–9998), where it is exactly what
/// <c>DateTimeOffset.TryParse</c> gives; any other valid text is parsed by it, as before.
/// <c>DateTimeTextTests</c> pins both against the originals.</para>
/// </remarks>
internal static class DateTimeText
{
    private static readonly Format Reference = FormatRegistry.Global.Get("date-time");

    /// <summary>What <see cref="Read"/> made of the bytes.</summary>
    private enum Reading
    {
        /// <summary>Not a date-time.</summary>
        Invalid,

        /// <summary>A date-time, and its instant was computed.</summary>
        Instant,

        /// <summary>A date-time in a form whose instant is left to <c>DateTimeOffset.TryParse</c>.</summary>
        Valid,

        /// <summary>Decided by JsonSchema.Net's format itself.</summary>
        Reference,
    }

    /// <summary>JsonSchema.Net's <c>date-time</c> verdict on <paramref name="element"/> (true for a non-string, as there).</summary>
    public static bool IsValid(JsonElement element) => IsValid(element, out _, out _);

    /// <summary>
    /// JsonSchema.Net's <c>date-time</c> verdict on <paramref name="element"/>, and, when it is a valid string, its
    /// instant as <see cref="CrossFieldRules"/> reads it (<paramref name="hasInstant"/> false when that reading finds none).
    /// </summary>
    public static bool IsValid(JsonElement element, out bool hasInstant, out DateTimeOffset instant)
    {
        hasInstant = false;
        instant = default;
        if (element.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        switch (Read(Unquoted(element), out instant))
        {
            case Reading.Instant:
                hasInstant = true;
                return true;
            case Reading.Valid:
                hasInstant = TryParse(element, out instant);
                return true;
            case Reading.Reference:
                if (!Reference.Validate(element, out _))
                {
                    return false;
                }

                hasInstant = TryParse(element, out instant);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The instant of a string element as <see cref="CrossFieldRules"/> reads it (<c>DateTimeOffset.TryParse</c>, invariant culture); false for anything else.</summary>
    public static bool TryInstant(JsonElement element, out DateTimeOffset instant)
    {
        instant = default;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        return Read(Unquoted(element), out instant) == Reading.Instant || TryParse(element, out instant);
    }

    private static bool TryParse(JsonElement element, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);

    /// <summary>The text of a string element as sent, without its quotes; empty (no date-time) when it has an escape.</summary>
    private static ReadOnlySpan<byte> Unquoted(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var text = raw[1..^1];
        return text.IndexOf((byte)'\\') >= 0 ? EscapedMarker : text;
    }

    // Not a date-time by its first byte: Read sends it to the reference, which decodes the escape.
    private static ReadOnlySpan<byte> EscapedMarker => "\\"u8;

    private static Reading Read(ReadOnlySpan<byte> s, out DateTimeOffset instant)
    {
        instant = default;
        if (s.Length == 1 && s[0] == (byte)'\\')
        {
            return Reading.Reference;
        }

        // The shape: YYYY-MM-DD?hh:mm:ss[.d+](Z|z|±hh:mm), nothing after.
        if (s.Length < 20 || !Digits(s, 0, 4) || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2)
            || s[10] is not ((byte)'T' or (byte)'t' or (byte)'_' or (byte)' ')
            || !Digits(s, 11, 2) || s[13] != ':' || !Digits(s, 14, 2) || s[16] != ':' || !Digits(s, 17, 2))
        {
            return Reading.Invalid;
        }

        var at = 19;
        var fractionDigits = 0;
        if (s[at] == '.')
        {
            at++;
            while (at < s.Length && IsDigit(s[at]))
            {
                at++;
                fractionDigits++;
            }

            if (fractionDigits == 0)
            {
                return Reading.Invalid;
            }
        }

        if (at >= s.Length)
        {
            return Reading.Invalid;
        }

        var zone = s[at];
        var utc = zone is (byte)'Z' or (byte)'z';
        int offsetHours = 0, offsetMinutes = 0;
        if (utc)
        {
            if (at + 1 != s.Length)
            {
                return Reading.Invalid;
            }
        }
        else if (zone is (byte)'+' or (byte)'-')
        {
            if (at + 6 != s.Length || !Digits(s, at + 1, 2) || s[at + 3] != ':' || !Digits(s, at + 4, 2))
            {
                return Reading.Invalid;
            }

            offsetHours = Number(s, at + 1, 2);
            offsetMinutes = Number(s, at + 4, 2);
        }
        else
        {
            return Reading.Invalid;
        }

        // The values, in the reference's order (its only throw, the year 0000, is left to it).
        int year = Number(s, 0, 4), month = Number(s, 5, 2), day = Number(s, 8, 2);
        if (month is < 1 or > 12)
        {
            return Reading.Invalid;
        }

        if (year == 0)
        {
            return Reading.Reference;
        }

        int hour = Number(s, 11, 2), minute = Number(s, 14, 2), second = Number(s, 17, 2);
        if (day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60
            || (!utc && (offsetHours > 23 || offsetMinutes > 59)))
        {
            return Reading.Invalid;
        }

        var east = zone == (byte)'+';
        if (second == 60 && !IsLastMinuteUtc(hour, minute, utc, east, offsetHours, offsetMinutes))
        {
            return Reading.Invalid;
        }

        var offset = (offsetHours * 60) + offsetMinutes;
        if (s[10] != 'T' || zone == (byte)'z' || second == 60 || fractionDigits > 7 || year is < 2 or > 9998 || offset > 14 * 60)
        {
            return Reading.Valid;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks;
        if (fractionDigits > 0)
        {
            var fraction = Number(s, 20, fractionDigits);
            for (var i = fractionDigits; i < 7; i++)
            {
                fraction *= 10;
            }

            ticks += fraction;
        }

        instant = new DateTimeOffset(ticks, TimeSpan.FromMinutes(east || utc ? offset : -offset));
        return Reading.Instant;
    }

    /// <summary>A leap second is read only at 23:59 in UTC (the reference's rule, date not checked).</summary>
    private static bool IsLastMinuteUtc(int hour, int minute, bool utc, bool east, int offsetHours, int offsetMinutes)
    {
        if (utc)
        {
            return hour == 23 && minute == 59;
        }

        var (h, m) = east ? (hour - offsetHours, minute - offsetMinutes) : (hour + offsetHours, minute + offsetMinutes);
        if (m < 0)
        {
            m += 60;
            h--;
        }
        else if (m >= 60)
        {
            m -= 60;
            h++;
        }

        h %= 24;
        if (h < 0)
        {
            h += 24;
        }

        return h == 23 && m == 59;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Number(ReadOnlySpan<byte> s, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = (value * 10) + (s[i] - '0');
        }

        return value;
    }
}
