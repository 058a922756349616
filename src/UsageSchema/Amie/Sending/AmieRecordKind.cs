namespace UsageSchema.Amie.Sending;

/// <summary>Tells the three AMIE record types apart, since the generated types share no base.</summary>
internal static class AmieRecordKind
{
    public static bool TryDescribe(object? record, out UsageType usageType, out string? localRecordId, out string? resource)
    {
        switch (record)
        {
            case ComputeUsageRecord compute:
                (usageType, localRecordId, resource) = (UsageType.Compute, compute.LocalRecordId, compute.Resource);
                return true;
            case StorageUsageRecord storage:
                (usageType, localRecordId, resource) = (UsageType.Storage, storage.LocalRecordId, storage.Resource);
                return true;
            case AdjustmentUsageRecord adjustment:
                (usageType, localRecordId, resource) = (UsageType.Adjustment, adjustment.LocalRecordId, adjustment.Resource);
                return true;
            default:
                (usageType, localRecordId, resource) = (default, null, null);
                return false;
        }
    }

    /// <summary>The record type the message of <paramref name="usageType"/> declares; records are serialized as it, like the message would.</summary>
    public static Type RecordType(UsageType usageType) => usageType switch
    {
        UsageType.Compute => typeof(ComputeUsageRecord),
        UsageType.Storage => typeof(StorageUsageRecord),
        UsageType.Adjustment => typeof(AdjustmentUsageRecord),
        _ => throw new ArgumentOutOfRangeException(nameof(usageType), usageType, "Not a usage type."),
    };

    /// <summary><c>Compute 31415926 on expanse.sdsc.access-ci.org</c>: how messages name a record.</summary>
    public static string Name(UsageType? usageType, string? localRecordId, string? resource) =>
        usageType is null
            ? "item"
            : $"{usageType} record {(localRecordId is null ? "(no LocalRecordID)" : "'" + localRecordId + "'")} on {(resource is null ? "(no Resource)" : "'" + resource + "'")}";
}
