using UsageSchema.Amie;

namespace GatewayConsumer.Fixtures;

/// <summary>
/// Test data that is incomplete on purpose. The project's .editorconfig sets USG1001 to none for
/// this folder, so the missing fields below are not reported; USG1002 and USG1003 still are.
/// </summary>
public static class IncompleteRecords
{
    public static ComputeUsageRecord WithoutCharge() => new()
    {
        Username = "jdoe",
        LocalProjectId = "csd123",
        LocalRecordId = "31415926",
        Resource = "expanse.sdsc.access-ci.org",
        SubmitTime = "2024-03-01T08:15:00-08:00",
        StartTime = "2024-03-01T08:20:12-08:00",
        EndTime = "2024-03-01T10:20:12-08:00",
        Attributes = new ComputeAttributes { NodeCount = 1 },
    };
}
