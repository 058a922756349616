using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Benchmarks.Reporting;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>
/// <c>--emulator-intake N URL</c>: the emulator's own intake rate. N compute records are packed
/// first into bodies of 1000 records (the reference client's batch), then POSTed one after another
/// to the spec's <c>SendUsage</c> route under <c>URL</c> of a running emulator (<c>usage-schema emulate --in-memory</c> on loopback);
/// only the POSTs are timed, so the figure is the emulator's (plus HTTP), not the client's.
/// </summary>
public static class EmulatorIntake
{
    public const int RecordsPerBody = 1000;

    public static async Task<int> RunAsync(int count, Uri amieBase, string apiKey, string site)
    {
        var bodies = new List<byte[]>();
        using (var packer = new RequestPacker(maxRequestBytes: 4 * 1024 * 1024, maxRecordsPerRequest: RecordsPerBody))
        {
            void Keep(PackedRequest request)
            {
                bodies.Add(request.Body.ToArray());
                request.Dispose();
            }

            for (var i = 0; i < count; i++)
            {
                if (packer.Add(ComputeRecords.Create(i)).Completed is { } request)
                {
                    Keep(request);
                }
            }

            while (packer.Flush() is { } rest)
            {
                Keep(rest);
            }
        }

        // The route and the headers are the spec's (the generated operations), so a rename there reaches this bench.
        using var client = new HttpClient { BaseAddress = amieBase, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add(AmieUsageOperations.SecuritySchemes.XaApiKey, apiKey);
        client.DefaultRequestHeaders.Add(AmieUsageOperations.SecuritySchemes.XaSite, site);
        var route = new Uri(AmieUsageOperations.SendUsage.RelativePath(), UriKind.Relative);
        var failed = 0;
        var half = bodies.Count / 2;
        var secondHalfRecords = 0L;
        var secondHalfStart = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < bodies.Count; i++)
        {
            if (i == half)
            {
                secondHalfStart = watch.Elapsed;
            }

            using var content = new ByteArrayContent(bodies[i]);
            content.Headers.ContentType = new MediaTypeHeaderValue(System.Net.Mime.MediaTypeNames.Application.Json);
            using var response = await client.PostAsync(route, content).ConfigureAwait(false);
            failed += response.IsSuccessStatusCode ? 0 : 1;
            secondHalfRecords += i >= half ? Math.Min(RecordsPerBody, count - ((long)i * RecordsPerBody)) : 0;
        }

        watch.Stop();
        var rate = count / watch.Elapsed.TotalSeconds;

        // The second half's rate as well: a fresh emulator's first requests also pay the JIT's tiering (a one-time
        // cost of the process, about as large as the intake itself over a few hundred requests), the second half much less.
        var secondHalf = secondHalfRecords / (watch.Elapsed - secondHalfStart).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} records in {bodies.Count:N0} POSTs of {RecordsPerBody} in {watch.Elapsed.TotalSeconds:F2} s: {rate:N0} records/s (second half {secondHalf:N0} records/s), {failed} POSTs not 2xx"));
        ResultLine.Write(new { records = count, posts = bodies.Count, seconds = watch.Elapsed.TotalSeconds, records_per_s = rate, second_half_records_per_s = secondHalf, failed_posts = failed });
        return failed == 0 ? 0 : 1;
    }
}
