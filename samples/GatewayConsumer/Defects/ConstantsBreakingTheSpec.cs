using UsageSchema.Amie;
using UsageSchema.Perseus;

namespace GatewayConsumer.Defects;

/// <summary>USG1003: constants the spec rejects (expected lines in README.md).</summary>
public static class ConstantsBreakingTheSpec
{
    private const string NoOffset = "2024-03-01T08:15:00";

    public static ComputeUsageRecord Record() => new()
    {
        Username = "jdoe",
        LocalProjectId = "csd123",
        LocalRecordId = "31415926",
        Resource = "expanse.sdsc.access-ci.org",
        SubmitTime = NoOffset,
        StartTime = "2024-03-01 08:20:12-08:00",
        EndTime = "2024-03-01T10:20:12-08:00",
        Charge = "256,0",
        Attributes = new ComputeAttributes { NodeCount = 0 },
    };

    public static AdjustmentUsageRecord Adjustment() => new()
    {
        AdjustmentType = (AdjustmentType)42,
        Charge = "10",
        StartTime = "2024-03-01T08:15:00Z",
        LocalProjectId = "csd123",
        LocalRecordId = "refund-1",
        Resource = "expanse.sdsc.access-ci.org",
        Username = "jdoe",
    };

    public static UsageReport Report() => new()
    {
        ProjectOid = "65e1f0c2",
        ComputeProjectId = "hpc-prf-demo",
        ResourceId = "noctua2-cpu",
        Start = "2024-03-01T00:00:00+01:00",
        End = "2024-03-02T00:00:00+01:00",
        Value = -1.5,
    };
}
