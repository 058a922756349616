using BenchmarkDotNet.Attributes;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Validation;

namespace UsageSchema.Benchmarks.Validation;

/// <summary>The generated Validate() on valid and invalid records of each API.</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private readonly ComputeUsageRecord _validCompute = Records.ValidCompute();
    private readonly ComputeUsageRecord _invalidCompute = Records.InvalidCompute();
    private readonly UsageReport _validReport = Records.ValidReport();
    private readonly UsageReport _invalidReport = Records.InvalidReport();
    private readonly JobAttributes _validJob = Records.ValidJob();
    private readonly JobAttributes _invalidJob = Records.InvalidJob();

    [Benchmark(Baseline = true)]
    public ValidationResult ComputeRecord_Valid() => _validCompute.Validate();

    [Benchmark]
    public ValidationResult ComputeRecord_Invalid() => _invalidCompute.Validate();

    [Benchmark]
    public ValidationResult UsageReport_Valid() => _validReport.Validate();

    [Benchmark]
    public ValidationResult UsageReport_Invalid() => _invalidReport.Validate();

    [Benchmark]
    public ValidationResult JobAttributes_Valid() => _validJob.Validate();

    [Benchmark]
    public ValidationResult JobAttributes_Invalid() => _invalidJob.Validate();
}
