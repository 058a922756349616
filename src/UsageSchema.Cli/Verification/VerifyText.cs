using System.Globalization;

namespace UsageSchema.Cli.Verification;

/// <summary>How findings write instants, numbers and days: invariant, UTC, the same in every API's findings.</summary>
internal static class VerifyText
{
    public static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The UTC days of the window that have no record in <paramref name="days"/>, as findings.</summary>
    public static IEnumerable<VerifyFinding> DaysWithout(VerifyWindow window, IReadOnlySet<DateOnly> days, string what) =>
        window.WholeDays().Where(day => !days.Contains(day)).Select(day => new VerifyFinding(FindingKind.DayWithoutRecords, Day(day), what));
}
