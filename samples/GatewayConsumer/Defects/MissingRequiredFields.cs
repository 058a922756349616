using UsageSchema.Amie;
using UsageSchema.Perseus;

namespace GatewayConsumer.Defects;

/// <summary>USG1001: objects built without required fields (expected lines in README.md).</summary>
public static class MissingRequiredFields
{
    // Line 11: the record lacks LocalRecordID and Resource; line 19: its Attributes lack NodeCount.
    public static ComputeUsageRecord InInitializer() =>
        new ComputeUsageRecord
        {
            Username = "jdoe",
            LocalProjectId = "csd123",
            SubmitTime = "2024-03-01T08:15:00-08:00",
            StartTime = "2024-03-01T08:20:12-08:00",
            EndTime = "2024-03-01T10:20:12-08:00",
            Charge = "256.0",
            Attributes = new ComputeAttributes { CpuCoreCount = 128 },
        };

    // Line 25: built step by step, but 'end' and 'value' are never assigned before it is returned.
    public static UsageReport StepByStep(string project)
    {
        var report = new UsageReport();
        report.ProjectOid = "65e1f0c2a9b34d0012c4e7a1";
        report.ComputeProjectId = project;
        report.ResourceId = "noctua2-cpu";
        report.Start = "2024-03-01T00:00:00+01:00";
        return report;
    }

    // Line 36: passed on while empty: every required field is missing.
    public static void AddedToAMessage(ComputeUsageMessage message)
    {
        message.Records.Add(new ComputeUsageRecord());
    }
}
