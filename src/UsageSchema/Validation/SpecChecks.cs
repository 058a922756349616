using System.ComponentModel;
using System.Globalization;

namespace UsageSchema.Validation;

/// <summary>
/// The checks and messages the generated <c>Validate()</c> methods share. Public only because
/// generated code in other compilations calls it; not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpecChecks
{
    /// <summary>The wire path of a member below <paramref name="path"/>.</summary>
    public static string Member(string path, string wireName) => path.Length == 0 ? wireName : path + "." + wireName;

    /// <summary>The wire path of an array item below <paramref name="path"/>.</summary>
    public static string Item(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>True when <paramref name="value"/> is an ISO 8601 date-time with an offset.</summary>
    public static bool IsDateTime(string value) => TryInstant(value, out _);

    /// <summary>
    /// True unless both values are valid date-times and their instants break the order; a value
    /// that is not a date-time is reported by its own format check, not again here.
    /// </summary>
    public static bool InstantsInOrder(string? earlier, string? later, bool allowEqual)
    {
        if (earlier is null || later is null || !TryInstant(earlier, out var first) || !TryInstant(later, out var second))
        {
            return true;
        }

        return allowEqual ? first <= second : first < second;
    }

    // A record's date-times are parsed by their format check and again by each order rule they are
    // in (a compute record's StartTime three times): the last few parsed on this thread are kept by
    // reference. A string never changes, so the same instance always parses to the same instant.
    private const int RecentInstants = 4;

    [ThreadStatic]
    private static (string? Text, long UtcTicks)[]? t_recentInstants;

    [ThreadStatic]
    private static int t_nextInstant;

    private static bool TryInstant(string text, out long utcTicks)
    {
        var recent = t_recentInstants ??= new (string?, long)[RecentInstants];
        foreach (var (known, ticks) in recent)
        {
            if (ReferenceEquals(known, text))
            {
                utcTicks = ticks;
                return true;
            }
        }

        if (!Iso8601.TryParseUtcTicks(text, out utcTicks))
        {
            return false;
        }

        recent[t_nextInstant] = (text, utcTicks);
        t_nextInstant = (t_nextInstant + 1) % RecentInstants;
        return true;
    }

    /// <summary>The value as it may appear in a message: quoted, shortened, or withheld for secrets.</summary>
    public static string Echo(string? value, bool secret) => ValueEcho.Echo(value, secret);

    /// <summary>A number as it appears in a message.</summary>
    public static string Echo(double value) => ValueEcho.Echo(value);

    /// <summary>A number as it appears in a message.</summary>
    public static string Echo(long value) => ValueEcho.Echo(value);
}
