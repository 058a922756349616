using System.Globalization;

namespace UsageSchema.Cli.Input;

/// <summary>The values of sacct cells: times without offset, <c>Elapsed</c> durations, counts.</summary>
internal static class SacctValues
{
    private static readonly string[] TimeFormats = ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm"];

    /// <summary>Whether a time cell says there is no time: sacct prints <c>Unknown</c> (or <c>None</c>) for a job that has not started or ended.</summary>
    public static bool IsNoTime(string? text) => string.IsNullOrEmpty(text) || text.Equals("Unknown", StringComparison.OrdinalIgnoreCase) || text.Equals("None", StringComparison.OrdinalIgnoreCase);

    public static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// A sacct time, in <paramref name="zone"/>: sacct prints the local time of the machine it runs on
    /// (its <c>TZ</c>) without an offset, so the offset is the zone's at that local time.
    /// </summary>
    public static DateTimeOffset? Time(string? text, string field, string location, TimeZoneInfo zone, List<InputProblem> problems)
    {
        if (IsNoTime(text))
        {
            problems.Add(new InputProblem(location, field, $"has no time ({InputLimits.Quote(text)}); the job has not run to its end"));
            return null;
        }

        if (!DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            problems.Add(new InputProblem(location, field, $"{InputLimits.Quote(text)} is not a sacct time (YYYY-MM-DDTHH:MM:SS)"));
            return null;
        }

        var offset = zone.GetUtcOffset(local);
        if (local - DateTime.MinValue < offset || DateTime.MaxValue - local < -offset)
        {
            // 0001-01-01T00:00 east of UTC (or 9999-12-31T23:59 west of it) is no instant at all.
            problems.Add(new InputProblem(location, field, $"{InputLimits.Quote(text)} in {zone.Id} is outside the range of dates"));
            return null;
        }

        return new DateTimeOffset(local, offset);
    }

    /// <summary>An <c>Elapsed</c> cell, <c>[DD-[HH:]]MM:SS</c> as <c>man sacct</c> gives it (<c>1-02:03:04</c>, <c>02:03:04</c>, <c>03:04</c>; seconds may have a fraction); null when it is not one.</summary>
    public static TimeSpan? Elapsed(ReadOnlySpan<char> text)
    {
        var days = 0;
        var rest = text;
        var dash = rest.IndexOf('-');
        if (dash >= 0)
        {
            if (!int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out days) || days > 100_000)
            {
                return null;
            }

            rest = rest[(dash + 1)..];
        }

        Span<Range> parts = stackalloc Range[4];
        var count = rest.Split(parts, ':');
        if (count is < 2 or > 3)
        {
            return null;
        }

        var seconds = 0d;
        for (var i = 0; i < count; i++)
        {
            var part = rest[parts[i]];
            var last = i == count - 1;
            if (part.Length == 0 || !double.TryParse(part, last ? NumberStyles.AllowDecimalPoint : NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || (i > 0 && value >= 60) || (i == 0 && count == 3 && dash >= 0 && value >= 24))
            {
                return null;
            }

            seconds = (seconds * 60) + value;
        }

        return TimeSpan.FromDays(days) + TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// A sacct time in one of the <see cref="TimeFormats"/>, read without <c>DateTime.TryParseExact</c> (a sixth of a
    /// row's cost): false for anything else, and then <see cref="Time"/> decides and words the problem. Whatever this
    /// accepts, <see cref="Time"/> reads as the same time.
    /// </summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out DateTime local)
    {
        local = default;
        var withSeconds = text.Length == 19;
        if (!(withSeconds || text.Length == 16) || text[4] != '-' || text[7] != '-' || text[13] != ':'
            || !(text[10] == 'T' || (text[10] == ' ' && withSeconds)) || (withSeconds && text[16] != ':'))
        {
            return false;
        }

        var second = 0;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || (withSeconds && !Digits(text, 17, 2, out second)))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary><see cref="Iso(DateTimeOffset)"/> of <paramref name="local"/> at <paramref name="offset"/> (whole minutes), without a format string.</summary>
    public static string Iso(DateTime local, TimeSpan offset) => string.Create(25, (local, offset), static (chars, value) =>
    {
        var (time, zone) = value;
        Write(chars, 0, 4, time.Year);
        chars[4] = '-';
        Write(chars, 5, 2, time.Month);
        chars[7] = '-';
        Write(chars, 8, 2, time.Day);
        chars[10] = 'T';
        Write(chars, 11, 2, time.Hour);
        chars[13] = ':';
        Write(chars, 14, 2, time.Minute);
        chars[16] = ':';
        Write(chars, 17, 2, time.Second);
        chars[19] = zone < TimeSpan.Zero ? '-' : '+';
        var minutes = (int)Math.Abs(zone.Ticks / TimeSpan.TicksPerMinute);
        Write(chars, 20, 2, minutes / 60);
        chars[22] = ':';
        Write(chars, 23, 2, minutes % 60);
    });

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static void Write(Span<char> chars, int start, int count, int value)
    {
        for (var i = start + count - 1; i >= start; i--)
        {
            chars[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    public static int? Integer(string? text, string field, string location, List<InputProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add(new InputProblem(location, field, $"{InputLimits.Quote(text)} is not a whole number"));
        return null;
    }
}
