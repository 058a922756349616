using System.Diagnostics;
using System.Globalization;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Benchmarks.Reporting;
using UsageSchema.Secrets;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>
/// The baseline for <see cref="StreamingMemory"/>: the same records, the same sender and the same
/// in-memory handler, but the whole input is read into a list first (what a caller does who
/// loads a file or a query result before sending), so peak memory grows with the input.
/// </summary>
public static class MaterializedMemory
{
    public static async Task<int> RunAsync(long count)
    {
        using var handler = new AcceptingHandler();
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var sender = new AmieUsageSender(http, new AmieClientOptions { ApiKey = new Secret("bench-key"), SiteName = "BENCH" });
        var clock = Stopwatch.StartNew();
        var before = PeakMemory.ResidentBytes();

        Console.WriteLine($"Reading {count.ToString("N0", CultureInfo.InvariantCulture)} compute records into a list, then sending them through AmieUsageSender");
        var records = new List<ComputeUsageRecord>();
        for (long i = 0; i < count; i++)
        {
            records.Add(ComputeRecords.Create(i));
        }

        var afterRead = PeakMemory.ResidentBytes();
        var result = await sender.SendAsync(records).ConfigureAwait(false);
        GC.KeepAlive(records);

        var peak = PeakMemory.PeakResidentBytes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Sent {result.RecordsAccepted:N0} records in {result.Requests.Count:N0} requests in {clock.Elapsed.TotalSeconds:F1} s; resident {before / 1048576.0:F1} MiB before reading, " +
            $"{afterRead / 1048576.0:F1} MiB after, peak {peak / 1048576.0:F1} MiB; local failures {result.LocalFailures.Count}."));
        ResultLine.Write(new
        {
            mode = "materialize",
            records = count,
            accepted = result.RecordsAccepted,
            requests = result.Requests.Count,
            bodyBytes = handler.Bytes,
            seconds = clock.Elapsed.TotalSeconds,
            residentBeforeBytes = before,
            residentAfterReadBytes = afterRead,
            peakResidentBytes = peak,
        });
        return result.Succeeded ? 0 : 1;
    }
}
