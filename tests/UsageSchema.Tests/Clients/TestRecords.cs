using UsageSchema.Amie;
using UsageSchema.Perseus;

namespace UsageSchema.Tests.Clients;

/// <summary>Valid records and reports to start from; tests change what they are about.</summary>
internal static class TestRecords
{
    public const string ApiKey = "amie-key-7f3a9c1e-DO-NOT-LOG";
    public const string GatewayKey = "gw-key-51d2e0aa-DO-NOT-LOG";
    public const string PerseusToken = "perseus-token-c0ffee42-DO-NOT-LOG";

    public static ComputeUsageRecord Compute(string localRecordId = "31415926", string? localReference = null) => new()
    {
        Username = "jdoe",
        LocalProjectId = "csd123",
        LocalRecordId = localRecordId,
        Resource = "expanse.sdsc.access-ci.org",
        SubmitTime = "2024-03-01T08:15:00-08:00",
        StartTime = "2024-03-01T08:20:12-08:00",
        EndTime = "2024-03-01T10:20:12-08:00",
        Charge = "256.0",
        Attributes = new ComputeAttributes { NodeCount = 1 },
        LocalReference = localReference,
    };

    public static StorageUsageRecord Storage(string localRecordId = "s-1", string? localReference = null) => new()
    {
        Username = "jdoe",
        LocalProjectId = "csd123",
        LocalRecordId = localRecordId,
        Resource = "expanse-storage.sdsc.access-ci.org",
        CollectionTime = "2024-03-01T00:00:00Z",
        Charge = "12.5",
        LocalReference = localReference,
    };

    public static AdjustmentUsageRecord Adjustment(string localRecordId = "a-1", string? localReference = null) => new()
    {
        AdjustmentType = AdjustmentType.Refund,
        Charge = "10.0",
        StartTime = "2024-03-01T08:15:00-08:00",
        LocalProjectId = "csd123",
        LocalRecordId = localRecordId,
        Resource = "expanse.sdsc.access-ci.org",
        Username = "jdoe",
        Comment = localReference,
    };

    public static UsageReport Report(string resourceId = "noctua2-cpu", double value = 3600, string start = "2024-03-01T00:00:00Z", string end = "2024-03-02T00:00:00Z") => new()
    {
        ProjectOid = "65e1f0a2b3c4d5e6f7a8b9c0",
        ComputeProjectId = "hpc-prf-abc",
        ResourceId = resourceId,
        Start = start,
        End = end,
        Value = value,
    };
}
