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
    public static bool IsDateTime(string value) => Iso8601.TryParseUtcTicks(value, out _);

    /// <summary>
    /// Parses <paramref name="value"/> as an ISO 8601 date-time with an offset, to its instant in UTC
    /// ticks; false when it is not one. The generated <c>IsValid()</c> parses each date-time once this
    /// way and compares the instants for its <c>x-rules</c>.
    /// </summary>
    public static bool TryParseInstant(string value, out long utcTicks) => Iso8601.TryParseUtcTicks(value, out utcTicks);

    /// <summary>
    /// True unless both values are valid date-times and their instants break the order; a value
    /// that is not a date-time is reported by its own format check, not again here.
    /// </summary>
    public static bool InstantsInOrder(string? earlier, string? later, bool allowEqual)
    {
        if (earlier is null || later is null || !Iso8601.TryParseUtcTicks(earlier, out var first) || !Iso8601.TryParseUtcTicks(later, out var second))
        {
            return true;
        }

        return allowEqual ? first <= second : first < second;
    }

    /// <summary>The value as it may appear in a message: quoted, shortened, or withheld for secrets.</summary>
    public static string Echo(string? value, bool secret) => ValueEcho.Echo(value, secret);

    /// <summary>A number as it appears in a message.</summary>
    public static string Echo(double value) => ValueEcho.Echo(value);

    /// <summary>A number as it appears in a message.</summary>
    public static string Echo(long value) => ValueEcho.Echo(value);
}
