namespace UsageSchema.Cli.Verification;

/// <summary>The series a record is counted in.</summary>
internal enum DailySeries
{
    /// <summary>In the outbox, any state.</summary>
    Sent,

    /// <summary>Delivered by the outbox.</summary>
    Delivered,

    /// <summary>Held (loaded) by the service.</summary>
    Loaded,

    /// <summary>Failed at the service.</summary>
    Failed,
}

/// <summary>Collects the daily figures of one API: records (and charge) per resource, day and series, only for the days of the window.</summary>
internal sealed class DailyUsageBuilder
{
    private readonly Dictionary<(string Resource, DateOnly Day), DailyUsage> _days = [];
    private readonly DateOnly _first;
    private readonly DateOnly _last;

    /// <summary>A builder for the days <paramref name="window"/> touches.</summary>
    public DailyUsageBuilder(VerifyWindow window)
    {
        _first = DateOnly.FromDateTime(window.From.UtcDateTime);
        _last = DateOnly.FromDateTime(window.To.UtcDateTime.AddTicks(-1));
    }

    /// <summary>Counts one record of <paramref name="charge"/>; a record without a day, or outside the window's days, is not counted.</summary>
    public void Add(string resource, DateOnly? day, DailySeries series, double? charge = null)
    {
        if (day is not { } on || on < _first || on > _last)
        {
            return;
        }

        var key = (resource, on);
        var usage = _days.TryGetValue(key, out var found) ? found : new DailyUsage(resource, on);
        _days[key] = series switch
        {
            DailySeries.Sent => usage with { Sent = usage.Sent.Add(charge) },
            DailySeries.Delivered => usage with { Delivered = usage.Delivered.Add(charge) },
            DailySeries.Loaded => usage with { Loaded = usage.Loaded.Add(charge) },
            _ => usage with { Failed = usage.Failed.Add(charge) },
        };
    }

    /// <summary>The figures, ordered by resource and day.</summary>
    public IReadOnlyList<DailyUsage> Build() =>
        [.. _days.Values.OrderBy(usage => usage.Resource, StringComparer.Ordinal).ThenBy(usage => usage.Day)];
}
