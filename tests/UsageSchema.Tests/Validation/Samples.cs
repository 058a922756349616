using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// Fully valid records of each API. Every test starts from one of these and breaks exactly what it
/// is about, so any other violation in its result is a bug, not noise from the sample.
/// </summary>
internal static class Samples
{
    public const string ProjectOid = "65f1c0ffee0123456789abcd";

    public static ComputeUsageRecord Compute(string localRecordId = "job-1") => new()
    {
        Username = "jdoe",
        LocalProjectId = "proj-1",
        LocalRecordId = localRecordId,
        Resource = "noctua2.pc2.uni-paderborn.access-ci.org",
        SubmitTime = "2024-03-01T09:00:00-05:00",
        StartTime = "2024-03-01T10:00:00-05:00",
        EndTime = "2024-03-01T11:30:00.25-05:00",
        Charge = "12.5",
        Attributes = new ComputeAttributes { NodeCount = 2, CpuCoreCount = 64, Memory = 0, JobName = "sim", Queue = "normal" },
        LocalReference = "ref-1",
    };

    public static AdjustmentUsageRecord Adjustment() => new()
    {
        AdjustmentType = AdjustmentType.StorageCredit,
        Charge = "-3",
        StartTime = "2024-03-01T00:00:00Z",
        LocalProjectId = "proj-1",
        LocalRecordId = "adj-1",
        Resource = "noctua2.pc2.uni-paderborn.access-ci.org",
        Username = "jdoe",
    };

    public static ComputeUsageMessage ComputeMessage(int count)
    {
        var message = new ComputeUsageMessage();
        for (var i = 0; i < count; i++)
        {
            message.Records.Add(Compute("job-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return message;
    }

    public static UsageReport Report() => new()
    {
        ProjectOid = ProjectOid,
        ComputeProjectId = "hpc-prf-abc",
        ResourceId = "noctua2-cpu",
        Start = "2024-03-01T00:00:00+01:00",
        End = "2024-03-02T00:00:00+01:00",
        Value = 1234.5,
        ContingentFactor = 0,
        User = "jdoe",
        Partition = "normal",
        Priority = "standard",
        AdditionalMetrics = [new AdditionalMetric { MetricId = "energy-kwh", Value = 0, ContingentFactor = 1 }],
        AdditionalResources = [new AdditionalResource { ResourceId = "noctua2-gpu", Value = 3 }],
    };

    public static JobAttributes Job() => new()
    {
        GatewayUser = "alice@gateway.org",
        XsedeResourceName = "expanse.sdsc.access-ci.org",
        JobId = "12345",
        SubmitTime = "2019-05-31 14:32:00 -07:00",
        Software = "gromacs",
    };
}
