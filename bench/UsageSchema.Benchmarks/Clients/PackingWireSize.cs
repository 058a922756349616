using System.Diagnostics;
using UsageSchema.Amie.Sending;
using UsageSchema.Benchmarks.Reporting;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>
/// What each packing path puts on the wire for the same records: body bytes per record and the
/// number of requests. BenchmarkDotNet reports time and allocation; this reports the output,
/// so the report can say both paths produce comparable bodies (one run each, timed only roughly).
/// </summary>
public static class PackingWireSize
{
    public static int Run(int count)
    {
        var records = ComputeRecords.CreateMany(count);

        var clock = Stopwatch.StartNew();
        var (packerBytes, packerRequests) = OnePass(records);
        var packerSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var referenceBytes = ReferenceClientPacking.Pack(records);
        var referenceSeconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine($"{count} records: RequestPacker {packerBytes} body bytes in {packerRequests} requests ({packerSeconds:F2} s); reference client {referenceBytes} body bytes ({referenceSeconds:F2} s)");
        ResultLine.Write(new
        {
            mode = "packing-wire",
            records = count,
            packerBodyBytes = packerBytes,
            packerRequests,
            packerSeconds,
            referenceBodyBytes = referenceBytes,
            referenceSeconds,
        });
        return 0;
    }

    private static (long Bytes, int Requests) OnePass(IEnumerable<Amie.ComputeUsageRecord> records)
    {
        long bytes = 0;
        var requests = 0;
        using var packer = new RequestPacker();
        foreach (var record in records)
        {
            if (packer.Add(record).Completed is { } request)
            {
                bytes += request.BodyBytes;
                requests++;
                request.Dispose();
            }
        }

        while (packer.Flush() is { } rest)
        {
            bytes += rest.BodyBytes;
            requests++;
            rest.Dispose();
        }

        return (bytes, requests);
    }
}
