using UsageSchema.Amie;

namespace UsageSchema.Tests.Wire;

/// <summary>Small valid AMIE records for the fidelity tests.</summary>
internal static class TestAmie
{
    public static ComputeUsageRecord Compute() => new()
    {
        Username = "u1", LocalProjectId = "p1", LocalRecordId = "r1", Resource = "res.example.org",
        SubmitTime = "2021-01-01T00:00:00Z", StartTime = "2021-01-01T00:00:00Z", EndTime = "2021-01-01T01:00:00Z",
        Charge = "1.5", Attributes = new ComputeAttributes { NodeCount = 1 },
    };

    public static StorageUsageRecord Storage() => new()
    {
        Username = "u1", LocalProjectId = "p1", LocalRecordId = "s1", Resource = "res.example.org",
        CollectionTime = "2021-01-01T00:00:00Z", Charge = "10", Attributes = new StorageAttributes { MediaType = "Disk" },
    };
}
