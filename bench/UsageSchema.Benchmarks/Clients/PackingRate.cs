using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Benchmarks.Reporting;
using UsageSchema.Serialization;
using UsageSchema.Validation;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>
/// <c>--packing-rate N</c>: where the library's validate + serialize + pack time goes, on one thread,
/// as records/s of each stage alone (validation; serialization into a reused writer, by
/// <see cref="JsonSerializer"/> and by the generated writer the packer uses) and of the
/// whole <see cref="RequestPacker"/> path, best of a few rounds after a warm-up. A breakdown for the
/// report, beside the BenchmarkDotNet figure, not a replacement for it.
/// </summary>
/// <remarks>
/// Each stage is timed by the process's CPU time (all its threads, the GC's included), not the wall
/// clock: on a shared machine the wall clock counts the other processes' turns on the core too.
/// </remarks>
public static class PackingRate
{
    private const int Rounds = 5;

    public static int Run(int count)
    {
        var records = ComputeRecords.CreateMany(count);
        var validate = Best(() => Validate(records));
        var serialize = Best(() => Serialize(records));
        var write = Best(() => Write(records));
        var pack = Best(() => Pack(records));
        double Rate(TimeSpan time) => count / time.TotalSeconds;
        Console.WriteLine($"{count:N0} records, best of {Rounds} by CPU time: IsValid {Rate(validate):N0}/s, JsonSerializer {Rate(serialize):N0}/s, generated writer {Rate(write):N0}/s, validate + serialize + pack {Rate(pack):N0}/s");
        ResultLine.Write(new { records = count, validate_per_s = Rate(validate), serialize_per_s = Rate(serialize), write_per_s = Rate(write), pack_per_s = Rate(pack) });
        return 0;
    }

    private static TimeSpan Best(Func<long> work)
    {
        work();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < Rounds; i++)
        {
            var process = Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            GC.KeepAlive(work());
            process.Refresh();
            var spent = process.TotalProcessorTime - before;
            best = spent < best ? spent : best;
        }

        return best;
    }

    private static long Validate(ComputeUsageRecord[] records)
    {
        long valid = 0;
        foreach (var record in records)
        {
            valid += ((IValidatable)record).IsValid() ? 1 : 0;
        }

        return valid;
    }

    private static long Serialize(ComputeUsageRecord[] records)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = UsageJson.Options.Encoder });
        var typeInfo = UsageJson.Options.GetTypeInfo(typeof(ComputeUsageRecord));
        long bytes = 0;
        foreach (var record in records)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, record, typeInfo);
            writer.Flush();
            bytes += buffer.WrittenCount;
        }

        return bytes;
    }

    // The packer's serialization alone: each record's generated writer (IJsonWritable) into a reused writer.
    private static long Write(ComputeUsageRecord[] records)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = UsageJson.Options.Encoder, SkipValidation = true });
        long bytes = 0;
        foreach (var record in records)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            ((IJsonWritable)record).WriteJson(writer);
            writer.Flush();
            bytes += buffer.WrittenCount;
        }

        return bytes;
    }

    private static long Pack(ComputeUsageRecord[] records)
    {
        long bytes = 0;
        using var packer = new RequestPacker();
        foreach (var record in records)
        {
            if (packer.Add(record).Completed is { } request)
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
