namespace UsageSchema.Cli.Verification;

/// <summary>A number of records and the charge they carry; charge is 0 for an API without one (the gateway).</summary>
/// <param name="Records">How many records.</param>
/// <param name="Charge">Their summed charge.</param>
internal readonly record struct DailyCount(long Records, double Charge)
{
    /// <summary>This count with one more record of <paramref name="charge"/>.</summary>
    public DailyCount Add(double? charge) => new(Records + 1, Charge + (charge ?? 0));
}

/// <summary>
/// One resource's usage day, as the outbox and the service see it: what was sent (in the outbox in any state),
/// delivered, loaded and failed. The day is the usage's day (a job's end, a storage collection, a report window's start),
/// not the day it was sent, so a late record is counted where an allocation report counts it.
/// </summary>
/// <param name="Resource">The resource (AMIE and gateway), or the project (PERSEUS).</param>
/// <param name="Day">The UTC day.</param>
internal sealed record DailyUsage(string Resource, DateOnly Day)
{
    /// <summary>Records of this day the outbox holds in any state.</summary>
    public DailyCount Sent { get; init; }

    /// <summary>Records of this day the outbox delivered.</summary>
    public DailyCount Delivered { get; init; }

    /// <summary>Records of this day the service reports as loaded (or holds, where it has no load step).</summary>
    public DailyCount Loaded { get; init; }

    /// <summary>Records of this day the service holds as failed.</summary>
    public DailyCount Failed { get; init; }
}
