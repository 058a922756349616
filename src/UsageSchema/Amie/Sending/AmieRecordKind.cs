namespace UsageSchema.Amie.Sending;

/// <summary>How messages name an AMIE record; what a record is comes from <see cref="IAmieUsageRecord"/>, generated from the spec.</summary>
internal static class AmieRecordKind
{
    /// <summary>The record type the message of <paramref name="usageType"/> declares; records are serialized as it, like the message would.</summary>
    public static Type RecordType(UsageType usageType) => IAmieUsageRecord.RecordTypeOf(usageType);

    /// <summary><c>Compute 31415926 on expanse.sdsc.access-ci.org</c>: how messages name a record.</summary>
    public static string Name(UsageType? usageType, string? localRecordId, string? resource) =>
        usageType is null
            ? "item"
            : $"{usageType} record {(localRecordId is null ? "(no LocalRecordID)" : "'" + localRecordId + "'")} on {(resource is null ? "(no Resource)" : "'" + resource + "'")}";
}
