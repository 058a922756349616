using System.Diagnostics;
using System.Globalization;
using UsageSchema.Benchmarks.Clients;
using UsageSchema.Benchmarks.Reporting;
using UsageSchema.Outbox;

namespace UsageSchema.Benchmarks.Outbox;

/// <summary>
/// <c>--outbox-enqueue N [FILE|POSTGRES]</c>: N compute records enqueued into a new SQLite outbox file (WAL,
/// <c>synchronous=FULL</c>, as shipped) in batches of 5,000, one transaction each (the batch
/// <c>send</c> writes), nothing sending. Records/s by the wall clock and by the process's CPU time;
/// the items are built per batch inside the timing, as <c>send</c> builds them. A PostgreSQL location
/// (<c>postgresql://...?schema=NAME</c> or a connection string with <c>Host=</c>, as <c>--outbox</c> takes)
/// measures that store instead: use a schema of its own, since the records' keys are the same every
/// run (a second run finds them all stored already); it is not dropped afterwards.
/// </summary>
public static class OutboxEnqueueRate
{
    private const int BatchSize = 5_000;

    public static async Task<int> RunAsync(long count, string? path)
    {
        var postgres = path is not null && UsageOutbox.IsPostgres(path);
        var file = path ?? Path.Combine(Path.GetTempPath(), "usage-outbox-enqueue-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long added = 0;
            // Where the time goes: building the items (serializing the record, its dedupe key) and the
            // outbox's own work (binding, SQLite, the commit's fsync), each by the wall clock and by the
            // process's CPU time (a shared machine stretches the wall clock, not the CPU time).
            var building = new Stopwatch();
            var enqueuing = new Stopwatch();
            TimeSpan buildingCpu = TimeSpan.Zero, enqueuingCpu = TimeSpan.Zero;
            await using (var outbox = postgres ? await UsageOutbox.OpenAsync(file).ConfigureAwait(false) : SqliteUsageOutbox.Open(file))
            {
                var batch = new OutboxItem[BatchSize];
                for (long start = 0; start < count; start += BatchSize)
                {
                    var size = (int)Math.Min(BatchSize, count - start);
                    var before = Environment.CpuUsage.TotalTime;
                    building.Start();
                    for (var i = 0; i < size; i++)
                    {
                        batch[i] = OutboxItem.For(ComputeRecords.Create(start + i));
                    }

                    building.Stop();
                    var built = Environment.CpuUsage.TotalTime;
                    buildingCpu += built - before;
                    enqueuing.Start();
                    added += (await outbox.EnqueueAsync(size == BatchSize ? batch : batch[..size]).ConfigureAwait(false)).Count;
                    enqueuing.Stop();
                    enqueuingCpu += Environment.CpuUsage.TotalTime - built;
                }
            }

            var wall = clock.Elapsed;
            var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Enqueued {added:N0} of {count:N0} records ({(postgres ? "PostgreSQL" : "SQLite")}) in {wall.TotalSeconds:F1} s ({count / wall.TotalSeconds:N0}/s wall, {count / cpuTime.TotalSeconds:N0}/s of CPU time), batches of {BatchSize:N0}; building the items {building.Elapsed.TotalSeconds:F1} s ({buildingCpu.TotalSeconds:F1} s CPU), EnqueueAsync {enqueuing.Elapsed.TotalSeconds:F1} s ({enqueuingCpu.TotalSeconds:F1} s CPU)"));
            ResultLine.Write(new { store = postgres ? "postgres" : "sqlite", records = count, added, seconds = wall.TotalSeconds, cpu_seconds = cpuTime.TotalSeconds, per_s = count / wall.TotalSeconds, per_cpu_s = count / cpuTime.TotalSeconds, build_seconds = building.Elapsed.TotalSeconds, build_cpu_seconds = buildingCpu.TotalSeconds, enqueue_seconds = enqueuing.Elapsed.TotalSeconds, enqueue_cpu_seconds = enqueuingCpu.TotalSeconds });
            return added == count ? 0 : 1;
        }
        finally
        {
            if (path is null)
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(file + suffix);
                }
            }
        }
    }
}
