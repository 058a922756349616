using BenchmarkDotNet.Attributes;
using UsageSchema.Amie;
using UsageSchema.Benchmarks.Clients;
using UsageSchema.Outbox;

namespace UsageSchema.Benchmarks.Outbox;

/// <summary>
/// The SQLite outbox on a file on disk (WAL, <c>synchronous=FULL</c>, as shipped): building 100,000
/// items, enqueuing them into a new file, and claiming + marking them delivered.
/// <c>OperationsPerInvoke</c> is the record count, so the table is per record. Each invocation works on
/// a file of its own (made in the iteration setup), so one run does not measure the last.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class OutboxBenchmarks
{
    public const int RecordCount = 100_000;

    /// <summary>Records per <c>EnqueueAsync</c> call (one transaction each) and per claim.</summary>
    public const int BatchSize = 10_000;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "usage-outbox-bench", Guid.NewGuid().ToString("N"));
    private ComputeUsageRecord[] _records = [];
    private OutboxItem[] _items = [];
    private string _file = "";

    [GlobalSetup]
    public void Setup()
    {
        _records = ComputeRecords.CreateMany(RecordCount);
        _items = [.. _records.Select(OutboxItem.For)];
        Directory.CreateDirectory(_directory);
    }

    [IterationSetup(Targets = [nameof(Enqueue), nameof(ItemCreation)])]
    public void NewFile() => _file = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");

    [IterationSetup(Target = nameof(ClaimAndMarkDelivered))]
    public void FilledFile()
    {
        NewFile();
        using var outbox = SqliteUsageOutbox.Open(_file);
        foreach (var chunk in _items.Chunk(BatchSize))
        {
            outbox.EnqueueAsync(chunk).GetAwaiter().GetResult();
        }
    }

    [IterationCleanup]
    public void DeleteFile()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(OperationsPerInvoke = RecordCount, Description = "OutboxItem.For (wire JSON + dedupe key)")]
    public int ItemCreation()
    {
        var length = 0;
        foreach (var record in _records)
        {
            length += OutboxItem.For(record).Payload.Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = RecordCount, Description = "Enqueue into a new file, 10,000 per call")]
    public async Task<int> Enqueue()
    {
        await using var outbox = SqliteUsageOutbox.Open(_file);
        var added = 0;
        foreach (var chunk in _items.Chunk(BatchSize))
        {
            added += (await outbox.EnqueueAsync(chunk)).Count;
        }

        return added;
    }

    [Benchmark(OperationsPerInvoke = RecordCount, Description = "Claim 10,000 + mark delivered, until drained")]
    public async Task<int> ClaimAndMarkDelivered()
    {
        await using var outbox = SqliteUsageOutbox.Open(_file);
        var delivered = 0;
        while (await outbox.ClaimAsync(BatchSize, TimeSpan.FromMinutes(10)) is { Count: > 0 } claimed)
        {
            delivered += await outbox.MarkDeliveredAsync(claimed.Select(entry => entry.Id));
        }

        return delivered;
    }
}
