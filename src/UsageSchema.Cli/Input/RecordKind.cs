namespace UsageSchema.Cli.Input;

/// <summary>What a record read from a file is, and so which service it goes to.</summary>
public enum RecordKind
{
    /// <summary>An AMIE compute record (<c>ComputeUsageRecord</c>).</summary>
    Compute,

    /// <summary>An AMIE storage record (<c>StorageUsageRecord</c>).</summary>
    Storage,

    /// <summary>An AMIE adjustment record (<c>AdjustmentUsageRecord</c>).</summary>
    Adjustment,

    /// <summary>A PERSEUS usage report (<c>UsageReport</c>).</summary>
    Perseus,

    /// <summary>A gateway job's attributes (<c>JobAttributes</c>).</summary>
    Gateway,
}
