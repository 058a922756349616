namespace UsageSchema.Validation;

/// <summary>
/// Parses the one date-time form the specs allow on the wire: RFC 3339 / ISO 8601 extended format
/// with a mandatory offset, <c>2024-03-01T10:00:00-05:00</c>, <c>2024-03-01T15:00:00.25Z</c>.
/// </summary>
/// <remarks>
/// Hand-written rather than <see cref="DateTimeOffset.TryParseExact(string, string[], IFormatProvider, System.Globalization.DateTimeStyles, out DateTimeOffset)"/>:
/// it must reject what the culture-aware parsers accept (a missing offset, a space instead of
/// <c>T</c>, a date alone) and it runs on every record, so it allocates nothing.
/// </remarks>
public static class Iso8601
{
    private const int MaxFractionDigits = 9;

    // Fields, not span properties: a span property over ints builds its array on every read on some targets.
    private static readonly int[] DaysToMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

    private static readonly int[] DaysToMonthLeap = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];

    /// <summary>Parses <paramref name="text"/>; false when it is not a date-time with an offset.</summary>
    /// <param name="text">The wire text.</param>
    /// <param name="value">The instant, with the offset as written.</param>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        if (!TryParseTicks(text, out var localTicks, out var offset))
        {
            value = default;
            return false;
        }

        value = new DateTimeOffset(localTicks, offset);
        return true;
    }

    /// <summary>
    /// Parses <paramref name="text"/> to its instant only, as UTC ticks; false when it is not a
    /// date-time with an offset. What validation calls on every record: no value is built.
    /// </summary>
    /// <param name="text">The wire text.</param>
    /// <param name="utcTicks">The instant, in ticks since 0001-01-01T00:00:00Z.</param>
    internal static bool TryParseUtcTicks(ReadOnlySpan<char> text, out long utcTicks)
    {
        if (!TryParseTicks(text, out var localTicks, out var offset))
        {
            utcTicks = 0;
            return false;
        }

        utcTicks = localTicks - offset.Ticks;
        return true;
    }

    // The local time's ticks computed from the fields (the calendar arithmetic DateTime does), so that
    // the common, valid case builds no DateTime on the way.
    private static bool TryParseTicks(ReadOnlySpan<char> text, out long localTicks, out TimeSpan offset)
    {
        localTicks = 0;
        offset = TimeSpan.Zero;
        if (text.Length < 20
            || !TryDigits(text, 0, 4, out var year) || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month) || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day) || (text[10] is not ('T' or 't'))
            || !TryDigits(text, 11, 2, out var hour) || text[13] != ':'
            || !TryDigits(text, 14, 2, out var minute) || text[16] != ':'
            || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            position++;
            var digits = 0;
            long scale = TimeSpan.TicksPerSecond;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                if (++digits > MaxFractionDigits)
                {
                    return false;
                }

                scale /= 10;
                fractionTicks += (text[position] - '0') * scale;
                position++;
            }

            if (digits == 0)
            {
                return false;
            }
        }

        if (!TryOffset(text[position..], out offset)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var before = year - 1;
        var days = (365L * before) + (before / 4) - (before / 100) + (before / 400)
            + (DateTime.IsLeapYear(year) ? DaysToMonthLeap : DaysToMonth)[month - 1] + day - 1;
        localTicks = (days * TimeSpan.TicksPerDay) + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute)
            + (second * TimeSpan.TicksPerSecond) + fractionTicks;
        var utcTicks = localTicks - offset.Ticks;
        return utcTicks >= DateTime.MinValue.Ticks && utcTicks <= DateTime.MaxValue.Ticks;
    }

    private static bool TryOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text.Length == 1 && text[0] is 'Z' or 'z')
        {
            return true;
        }

        if (text.Length != 6 || (text[0] is not ('+' or '-')) || text[3] != ':'
            || !TryDigits(text, 1, 2, out var hours) || !TryDigits(text, 4, 2, out var minutes)
            || hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (text[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }
}
