using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;

namespace GatewayConsumer.Defects;

/// <summary>USG1002: required fields set to null, an empty string or default (expected lines in README.md).</summary>
public static class NullOrEmptyRequiredFields
{
    public static AdjustmentUsageRecord Adjustment() => new()
    {
        AdjustmentType = default,
        Charge = "10",
        StartTime = "2024-03-01T08:15:00-08:00",
        LocalProjectId = "",
        LocalRecordId = "refund-1",
        Resource = null!,
        Username = "jdoe",
    };

    public static JobAttributes Attributes(string jobId)
    {
        var attributes = new JobAttributes
        {
            GatewayUser = "jane.doe@example.edu",
            XsedeResourceName = "expanse.sdsc.xsede.org",
            SubmitTime = "2024-03-01 08:15:00 -08:00",
            JobId = jobId,
        };
        attributes.GatewayUser = string.Empty;
        return attributes;
    }
}
