using UsageSchema.Amie;

namespace UsageSchema.Cli.Input;

/// <summary>
/// The wire fields of a <c>ComputeUsageRecord</c> that a <c>sacct</c> row fills, by the generated
/// names (a nested member as <c>Attributes.NodeCount</c>, the path a mapping, a CSV column and a
/// problem name it by). Which sacct column each is read from is <see cref="SacctMapping"/>'s.
/// </summary>
internal static class SacctFields
{
    public const string LocalRecordId = ComputeUsageRecord.WireNames.LocalRecordId;

    public const string Username = ComputeUsageRecord.WireNames.Username;

    public const string LocalProjectId = ComputeUsageRecord.WireNames.LocalProjectId;

    public const string SubmitTime = ComputeUsageRecord.WireNames.SubmitTime;

    public const string StartTime = ComputeUsageRecord.WireNames.StartTime;

    public const string EndTime = ComputeUsageRecord.WireNames.EndTime;

    public const string Charge = ComputeUsageRecord.WireNames.Charge;

    public const string NodeCount = Attributes + ComputeAttributes.WireNames.NodeCount;

    public const string CpuCoreCount = Attributes + ComputeAttributes.WireNames.CpuCoreCount;

    public const string JobName = Attributes + ComputeAttributes.WireNames.JobName;

    public const string Queue = Attributes + ComputeAttributes.WireNames.Queue;

    // The path of a nested member: the object's wire name and a dot (RecordChecks.WirePaths spells paths so).
    private const string Attributes = ComputeUsageRecord.WireNames.Attributes + ".";
}
