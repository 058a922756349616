using System.Text.Json.Serialization;

namespace UsageSchema.Amie;

public partial class UsageResponse
{
    /// <summary>
    /// The failed records under either key the service may use: <c>ValidationFailedRecords</c>
    /// (what the reference client reads) and <c>FailedRecords</c> (what the API "actually returns"
    /// per a later fix). Which one is live is unknown, so both are read.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<FailedUsageRecord> AllFailedRecords => FailedRecordKeys.Merge(ValidationFailedRecords, FailedRecords);
}

public partial class FailedUsageRecords
{
    /// <summary>The failed records under either key; see <see cref="UsageResponse.AllFailedRecords"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<FailedUsageRecord> AllFailedRecords => FailedRecordKeys.Merge(FailedRecords, ValidationFailedRecords);
}

internal static class FailedRecordKeys
{
    public static IReadOnlyList<FailedUsageRecord> Merge(IList<FailedUsageRecord>? first, IList<FailedUsageRecord>? second)
    {
        if (second is null or { Count: 0 })
        {
            return first is null ? [] : [.. first];
        }

        return first is null or { Count: 0 } ? [.. second] : [.. first, .. second];
    }
}
