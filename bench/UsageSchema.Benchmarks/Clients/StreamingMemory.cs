using System.Diagnostics;
using System.Globalization;
using UsageSchema.Amie.Sending;
using UsageSchema.Benchmarks.Reporting;
using UsageSchema.Secrets;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>
/// Streams records from an <see cref="IAsyncEnumerable{T}"/> generator through <see cref="AmieUsageSender"/>
/// (validation, packing, the resilience pipeline, request building) to an in-memory handler that
/// answers 200, and samples memory every million records: the live heap after a full collection,
/// and the process's peak working set. Flat figures mean memory does not grow with the input.
/// </summary>
public static class StreamingMemory
{
    public static async Task<int> RunAsync(long count)
    {
        var process = Process.GetCurrentProcess();
        using var handler = new AcceptingHandler();
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var sender = new AmieUsageSender(http, new AmieClientOptions { ApiKey = new Secret("bench-key"), SiteName = "BENCH" });
        var clock = Stopwatch.StartNew();

        Console.WriteLine($"Streaming {count.ToString("N0", CultureInfo.InvariantCulture)} compute records through AmieUsageSender (cap 768 KiB)");
        Console.WriteLine("| records read | live heap after full GC (MiB) | GC heap size (MiB) | peak working set (MiB) | elapsed (s) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        var result = await sender.SendAsync(ComputeRecords.Stream(count, read =>
        {
            var live = GC.GetTotalMemory(forceFullCollection: true);
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {read:N0} | {live / 1048576.0:F1} | {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F1} | {process.PeakWorkingSet64 / 1048576.0:F1} | {clock.Elapsed.TotalSeconds:F1} |"));
        })).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Sent {result.RecordsAccepted:N0} records in {result.Requests.Count:N0} requests ({handler.Bytes / 1048576.0:F0} MiB of bodies) in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"{result.RecordsAccepted / clock.Elapsed.TotalSeconds:N0} records/s; local failures {result.LocalFailures.Count}."));
        ResultLine.Write(new
        {
            mode = "stream",
            records = count,
            accepted = result.RecordsAccepted,
            requests = result.Requests.Count,
            bodyBytes = handler.Bytes,
            seconds = clock.Elapsed.TotalSeconds,
            peakResidentBytes = PeakMemory.PeakResidentBytes(),
        });
        return result.Succeeded ? 0 : 1;
    }
}
