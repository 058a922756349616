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
    public static TimeSpan? Elapsed(string text)
    {
        var days = 0;
        var rest = text.AsSpan();
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
