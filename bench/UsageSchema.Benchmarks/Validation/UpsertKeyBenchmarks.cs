using BenchmarkDotNet.Attributes;
using UsageSchema.Amie;
using UsageSchema.Perseus;

namespace UsageSchema.Benchmarks.Validation;

/// <summary>Hashing and comparing by upsert key, as a HashSet or Dictionary does.</summary>
[MemoryDiagnoser]
public class UpsertKeyBenchmarks
{
    private readonly ComputeUsageRecord _compute = Records.ValidCompute();
    private readonly ComputeUsageRecord _sameCompute = Records.ValidCompute();
    private readonly UsageReport _report = Records.ValidReport();
    private readonly UsageReport _sameReportOtherOffset = OtherOffset(Records.ValidReport());

    [Benchmark]
    public int ComputeRecord_Hash() => _compute.GetHashCode();

    [Benchmark]
    public bool ComputeRecord_Equals() => _compute.Equals(_sameCompute);

    [Benchmark]
    public int UsageReport_Hash() => _report.GetHashCode();

    [Benchmark]
    public bool UsageReport_Equals_AcrossOffsets() => _report.Equals(_sameReportOtherOffset);

    private static UsageReport OtherOffset(UsageReport report)
    {
        report.Start = "2024-02-29T23:00:00Z";
        report.End = "2024-03-01T23:00:00Z";
        return report;
    }
}
