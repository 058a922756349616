using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;

namespace GatewayConsumer;

/// <summary>Records built correctly, in each style the analyzers follow: no diagnostic in this file.</summary>
public static class CorrectRecords
{
    public const string Submitted = "2024-03-01T08:15:00-08:00";

    /// <summary>Everything in object initializers, nested objects included.</summary>
    public static ComputeUsageMessage ComputeMessage() => new()
    {
        Records =
        {
            new ComputeUsageRecord
            {
                Username = "jdoe",
                LocalProjectId = "csd123",
                LocalRecordId = "31415926",
                Resource = "expanse.sdsc.access-ci.org",
                SubmitTime = Submitted,
                StartTime = "2024-03-01T08:20:12-08:00",
                EndTime = "2024-03-01T10:20:12.5Z",
                Charge = "256.0",
                Attributes = new ComputeAttributes { NodeCount = 2, CpuCoreCount = 256, Queue = "compute" },
            },
            FromAccountingRow("jdoe", "csd123", "31415927", "2024-03-01T11:00:00-08:00", "2024-03-01T12:00:00-08:00"),
        },
    };

    /// <summary>Built step by step from a scheduler's row: every required member is assigned before the record is returned.</summary>
    public static ComputeUsageRecord FromAccountingRow(string user, string project, string jobId, string start, string end)
    {
        var record = new ComputeUsageRecord();
        record.Username = user;
        record.LocalProjectId = project;
        record.LocalRecordId = jobId;
        record.Resource = "expanse.sdsc.access-ci.org";
        record.SubmitTime = start;
        record.StartTime = start;
        record.EndTime = end;
        record.Charge = "128";
        record.Attributes.NodeCount = 1;
        return record;
    }

    public static StorageUsageMessage StorageMessage()
    {
        var message = new StorageUsageMessage();
        message.Records.Add(new StorageUsageRecord
        {
            Username = "jdoe",
            LocalProjectId = "csd123",
            LocalRecordId = "storage-2024-03",
            Resource = "expanse-projects.sdsc.access-ci.org",
            CollectionTime = "2024-03-31T23:59:59+00:00",
            Charge = "-1.5",
        });
        return message;
    }

    public static AdjustmentUsageRecord Refund() => new()
    {
        AdjustmentType = AdjustmentType.StorageCredit,
        Charge = "10",
        StartTime = Submitted,
        LocalProjectId = "csd123",
        LocalRecordId = "refund-1",
        Resource = "expanse.sdsc.access-ci.org",
        Username = "jdoe",
    };

    public static UsageReport PerseusReport() => new()
    {
        ProjectOid = "65e1f0c2a9b34d0012c4e7a1",
        ComputeProjectId = "hpc-prf-demo",
        ResourceId = "noctua2-cpu",
        Start = "2024-03-01T00:00:00+01:00",
        End = "2024-03-02T00:00:00+01:00",
        Value = 0,
    };

    public static JobAttributes JobAttributes() => new()
    {
        GatewayUser = "jane.doe@example.edu",
        XsedeResourceName = "expanse.sdsc.xsede.org",
        JobId = "4937919",
        SubmitTime = "2024-03-01 08:15:00 -08:00",
    };
}
