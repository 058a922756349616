using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;

namespace UsageSchema.Benchmarks.Validation;

/// <summary>Fully populated records of each API, valid and with five violations each.</summary>
internal static class Records
{
    public static ComputeUsageRecord ValidCompute() => new()
    {
        Username = "jdoe",
        LocalProjectId = "TG-ABC123",
        LocalRecordId = "job-1001",
        Resource = "expanse.sdsc.access-ci.org",
        SubmitTime = "2024-03-01T09:55:00-05:00",
        StartTime = "2024-03-01T10:00:00-05:00",
        EndTime = "2024-03-01T12:00:00.125-05:00",
        Charge = "256.000000",
        Attributes = new ComputeAttributes { NodeCount = 2, CpuCoreCount = 256, JobName = "md-run", Memory = 524288, Queue = "compute" },
        ParentRecordId = "job-1000",
        LocalReference = "acct-77",
    };

    public static ComputeUsageRecord InvalidCompute()
    {
        var record = ValidCompute();
        record.Username = null!;
        record.Charge = "lots";
        record.EndTime = "2024-03-01 12:00";
        record.Attributes.NodeCount = 0;
        record.SubmitTime = "2024-03-01T11:00:00-05:00";
        return record;
    }

    public static UsageReport ValidReport() => new()
    {
        ProjectOid = "65f1c0ffee0123456789abcd",
        ComputeProjectId = "hpc-prf-abc",
        ResourceId = "noctua2-cpu",
        Start = "2024-03-01T00:00:00+01:00",
        End = "2024-03-02T00:00:00+01:00",
        Value = 1234.5,
        ContingentFactor = 1,
        User = "jdoe",
        Partition = "normal",
        Priority = "standard",
        AdditionalMetrics = [new AdditionalMetric { MetricId = "energy-kwh", Value = 12, ContingentFactor = 0 }],
        AdditionalResources = [new AdditionalResource { ResourceId = "noctua2-gpu", Value = 3 }],
    };

    public static UsageReport InvalidReport()
    {
        var report = ValidReport();
        report.ProjectOid = "not-an-object-id";
        report.Value = -1;
        report.End = report.Start;
        report.AdditionalMetrics![0].Value = -2;
        report.ComputeProjectId = string.Empty;
        return report;
    }

    public static JobAttributes ValidJob() => new()
    {
        GatewayUser = "jane.doe@example.edu",
        XsedeResourceName = "expanse.sdsc.xsede.org",
        JobId = "4937919",
        SubmitTime = "2024-03-01 08:15:00 -08:00",
        Software = "GROMACS 2023.3",
    };

    public static JobAttributes InvalidJob()
    {
        var job = ValidJob();
        job.GatewayUser = string.Empty;
        job.XsedeResourceName = "bad name!";
        job.JobId = null!;
        job.SubmitTime = "2024-03-01T08:15:00";
        job.Software = string.Empty;
        return job;
    }
}
