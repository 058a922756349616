namespace UsageSchema.Cli.Verification;

/// <summary>
/// The half-open window [<paramref name="From"/>, <paramref name="To"/>) of delivery times a verification checks,
/// with the rules that decide what counts as a difference.
/// </summary>
/// <param name="From">The window's start.</param>
/// <param name="To">The window's end (usually now).</param>
/// <param name="Now">The time of the check: a record counts as not loaded only once its delivery is older than <paramref name="LoadDelay"/>.</param>
/// <param name="LoadDelay">How long the service may take to load a delivered record.</param>
/// <param name="ChargeTolerance">The largest charge difference that is not a finding.</param>
internal sealed record VerifyWindow(DateTimeOffset From, DateTimeOffset To, DateTimeOffset Now, TimeSpan LoadDelay, double ChargeTolerance)
{
    /// <summary>
    /// How far before <see cref="From"/> the outbox's deliveries are still read to recognise what the service
    /// loaded in the window: a record delivered just before the window may be loaded inside it.
    /// </summary>
    public static readonly TimeSpan KnownLookBack = TimeSpan.FromDays(7);

    /// <summary>Whether <paramref name="instant"/> lies in the window.</summary>
    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;

    /// <summary>The UTC days that lie wholly inside the window: only those can be said to have no records.</summary>
    public IEnumerable<DateOnly> WholeDays()
    {
        var day = From.UtcDateTime.Date == From.UtcDateTime ? From.UtcDateTime.Date : From.UtcDateTime.Date.AddDays(1);
        while (day.AddDays(1) <= To.UtcDateTime)
        {
            yield return DateOnly.FromDateTime(day);
            day = day.AddDays(1);
        }
    }
}
