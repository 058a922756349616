using BenchmarkDotNet.Attributes;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>
/// Validate + serialize + pack 1,000,000 compute records into requests under the 768 KiB cap.
/// <c>OperationsPerInvoke</c> makes BenchmarkDotNet report time and allocation per record.
/// </summary>
[MemoryDiagnoser]
public class PackingBenchmarks
{
    public const int RecordCount = 1_000_000;

    private ComputeUsageRecord[] _records = [];

    [GlobalSetup]
    public void Setup() => _records = ComputeRecords.CreateMany(RecordCount);

    [Benchmark(Baseline = true, OperationsPerInvoke = RecordCount, Description = "Reference client: serialize all, then split")]
    public long SerializeAllThenSplit() => ReferenceClientPacking.Pack(_records);

    [Benchmark(OperationsPerInvoke = RecordCount, Description = "RequestPacker: one pass")]
    public long OnePass()
    {
        long bytes = 0;
        using var packer = new RequestPacker();
        foreach (var record in _records)
        {
            var outcome = packer.Add(record);
            if (outcome.Completed is { } request)
            {
                bytes += request.BodyBytes;
                request.Dispose();
            }
        }

        while (packer.Flush() is { } rest)
        {
            bytes += rest.BodyBytes;
            rest.Dispose();
        }

        return bytes;
    }
}
