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

    /// <summary>Parses <paramref name="text"/>; false when it is not a date-time with an offset.</summary>
    /// <param name="text">The wire text.</param>
    /// <param name="value">The instant, with the offset as written.</param>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
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

        if (!TryOffset(text[position..], out var offset)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
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
