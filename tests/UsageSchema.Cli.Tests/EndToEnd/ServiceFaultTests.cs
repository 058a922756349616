using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// The real CLI against the real emulator, each failing on purpose in one way: the same file is sent
/// into the same outbox again until nothing is left waiting, then what the services hold is read back
/// over HTTP and counted against the file.
/// </summary>
[Collection(FaultTestGroup.Name)]
// Minutes per test: `--filter "Category!=Slow"` leaves it out of a quick run.
[Trait("Category", "Slow")]
public sealed class ServiceFaultTests(ITestOutputHelper output)
{
    private const int AmieRecords = 3_000;
    private const int MaxRuns = 15;

    // Short client waits keep the runs quick; the faults are what is tested, not the backoff.
    private static readonly string[] QuickRetries = ["--retries", "2", "--timeout", "10"];

    // PERSEUS and the gateway take one record per request, and the client's backoff (about 1 s) before
    // each retry dominates the run: one retry, and few records; what still fails goes back to the outbox,
    // whose passes and reruns must get each record through once.
    private static readonly string[] OneRetry = ["--retries", "1", "--timeout", "10"];

    [Theory]
    [InlineData("500 at 30% of requests", new[] { "--error-rate", "0.3" })]
    [InlineData("429 with Retry-After", new[] { "--429-rate", "0.3", "--retry-after", "1" })]
    [InlineData("connections dropped", new[] { "--drop-rate", "0.2" })]
    [InlineData("truncated bodies of processed requests", new[] { "--malformed-rate", "0.3" })]
    [InlineData("413 above 64 KiB", new[] { "--max-body", "65536" })]
    [InlineData("everything at once", new[] { "--error-rate", "0.1", "--429-rate", "0.1", "--retry-after", "1", "--drop-rate", "0.1", "--malformed-rate", "0.1" })]
    public async Task Amie_EveryValidRecordStoredOnce_InvalidOnesReported(string fault, string[] switches)
    {
        var watch = Stopwatch.StartNew();
        var seed = FaultSettings.Seed(defaultSeed: 7);
        await using var emulator = await EmulatorProcess.StartAsync([.. switches, "--fault-seed", seed.ToString(CultureInfo.InvariantCulture)]);
        var file = Path.Combine(emulator.Folder, "amie.jsonl");
        var expected = RecordFiles.Amie(file, AmieRecords, invalidEvery: 97);
        var outbox = Path.Combine(emulator.Folder, "outbox.db");

        var log = await SendRuns.UntilSettledAsync(emulator, "amie", file, outbox, MaxRuns, QuickRetries);

        await AssertAmieAsync(emulator, log, expected, outbox);
        output.WriteLine($"AMIE, {fault}, seed {seed}: {AmieRecords} records, {log.Runs} run(s) (exits {string.Join(",", log.ExitCodes)}), sending {log.Total.TotalSeconds:F1} s, case {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Amie_AnswersSlowerThanTheTimeout_AreSentAgain_AndStoredOnce()
    {
        var watch = Stopwatch.StartNew();
        await using var emulator = await EmulatorProcess.StartAsync("--delay", "1.5");
        var file = Path.Combine(emulator.Folder, "amie.jsonl");
        var expected = RecordFiles.Amie(file, AmieRecords, invalidEvery: 97);
        var outbox = Path.Combine(emulator.Folder, "outbox.db");

        // The first run gives up on every request after 1 s: nothing is delivered, everything stays in
        // the outbox (exit 3); the next, with a timeout the service can meet, delivers it.
        var log = await SendRuns.UntilSettledAsync(emulator, "amie", file, outbox, MaxRuns,
            extra: ["--retries", "1", "--timeout", "10", "--batch-size", "1000"], firstRunExtra: ["--retries", "1", "--timeout", "1", "--batch-size", "1000"]);

        Assert.Equal(3, log.ExitCodes[0]);
        await AssertAmieAsync(emulator, log, expected, outbox);
        output.WriteLine($"AMIE, answers after 1.5 s with a 1 s timeout first: {log.Runs} run(s) (exits {string.Join(",", log.ExitCodes)}), sending {log.Total.TotalSeconds:F1} s, case {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Amie_AnswersJustAfterTheTimeout_ProcessedRequestsAreNotRejectedAsDuplicates()
    {
        var watch = Stopwatch.StartNew();

        // The service waits 0.9 s, then stores the records and answers; the client gives up at 1 s.
        // Storing 1,000 records takes long enough that most answers come after the client gave up:
        // the records ARE stored, and the client's retry of the same request is answered with
        // "Duplicate LocalRecordID" for each. Those are this sender's own records.
        await using var emulator = await EmulatorProcess.StartAsync("--delay", "0.9");
        var file = Path.Combine(emulator.Folder, "amie.jsonl");
        var expected = RecordFiles.Amie(file, AmieRecords, invalidEvery: 97);
        var outbox = Path.Combine(emulator.Folder, "outbox.db");

        var log = await SendRuns.UntilSettledAsync(emulator, "amie", file, outbox, MaxRuns, ["--retries", "3", "--timeout", "1", "--batch-size", "1000"]);

        await AssertAmieAsync(emulator, log, expected, outbox);
        output.WriteLine($"AMIE, answers after 0.9 s plus the storing with a 1 s timeout: {log.Runs} run(s) (exits {string.Join(",", log.ExitCodes)}), sending {log.Total.TotalSeconds:F1} s, case {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [InlineData("500 at 30% of requests", new[] { "--error-rate", "0.3" })]
    [InlineData("connections dropped", new[] { "--drop-rate", "0.2" })]
    public async Task Perseus_OneReportPerKey_WithTheLastValue(string fault, string[] switches)
    {
        var watch = Stopwatch.StartNew();
        var seed = FaultSettings.Seed(defaultSeed: 11);
        await using var emulator = await EmulatorProcess.StartAsync([.. switches, "--fault-seed", seed.ToString(CultureInfo.InvariantCulture)]);
        var file = Path.Combine(emulator.Folder, "perseus.jsonl");
        var expected = RecordFiles.Perseus(file, keys: 40, versions: 3, invalidEvery: 29);
        var outbox = Path.Combine(emulator.Folder, "outbox.db");

        var log = await SendRuns.UntilSettledAsync(emulator, "perseus", file, outbox, MaxRuns, OneRetry);

        Assert.True(log.LastExitCode == 2, log.ToString());
        AssertReported(expected, log.LastOutput);
        await using var clean = await emulator.RestartWithoutFaultsAsync();
        var reports = await ServiceContents.PerseusAsync(clean, RecordFiles.PerseusProject);
        AssertPerseus(expected, reports);
        output.WriteLine($"PERSEUS, {fault}, seed {seed}: {expected.Valid.Count} keys from 120 lines, {log.Runs} run(s) (exits {string.Join(",", log.ExitCodes)}), sending {log.Total.TotalSeconds:F1} s, case {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [InlineData("500 at 30% of requests", new[] { "--error-rate", "0.3" })]
    [InlineData("connections dropped", new[] { "--drop-rate", "0.2" })]
    public async Task Gateway_EveryValidJobStoredOnce(string fault, string[] switches)
    {
        var watch = Stopwatch.StartNew();
        var seed = FaultSettings.Seed(defaultSeed: 13);
        await using var emulator = await EmulatorProcess.StartAsync([.. switches, "--fault-seed", seed.ToString(CultureInfo.InvariantCulture)]);
        var file = Path.Combine(emulator.Folder, "gateway.jsonl");
        var expected = RecordFiles.Gateway(file, count: 80, invalidEvery: 37);
        var outbox = Path.Combine(emulator.Folder, "outbox.db");

        var log = await SendRuns.UntilSettledAsync(emulator, "gateway", file, outbox, MaxRuns, OneRetry);

        Assert.True(log.LastExitCode == 2, log.ToString());
        AssertReported(expected, log.LastOutput);
        await using var clean = await emulator.RestartWithoutFaultsAsync();
        var jobs = await ServiceContents.GatewayAsync(clean, new DateOnly(2024, 3, 1));
        Assert.Equal(expected.Valid.Count, jobs.Count);
        Assert.Equal(expected.Valid.Keys.Order(StringComparer.Ordinal), jobs.Select(job => job.LocalJobId!).Order(StringComparer.Ordinal));
        Assert.All(jobs, job => Assert.Equal(RecordFiles.GatewayResource, job.ResourceName));
        var counts = await SendRuns.OutboxCountsAsync(outbox, "gateway");
        Assert.Equal(expected.Valid.Count, counts.GetValueOrDefault("delivered"));
        output.WriteLine($"gateway, {fault}, seed {seed}: 80 lines, {log.Runs} run(s) (exits {string.Join(",", log.ExitCodes)}), sending {log.Total.TotalSeconds:F1} s, case {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task AssertAmieAsync(EmulatorProcess emulator, SendLog log, ExpectedContents expected, string outbox)
    {
        // Exit 2: the invalid lines; nothing valid was refused, nothing is left waiting.
        Assert.True(log.LastExitCode == 2, log.ToString());
        AssertReported(expected, log.LastOutput);
        Assert.DoesNotContain("service error", log.LastOutput, StringComparison.Ordinal);

        // The service answering a resend with "Duplicate LocalRecordID" holds the sender's own copy: not a refusal.
        Assert.DoesNotContain("Duplicate LocalRecordID", log.LastOutput, StringComparison.Ordinal);
        var counts = await SendRuns.OutboxCountsAsync(outbox, "amie");
        Assert.Equal(expected.Valid.Count, counts.GetValueOrDefault("delivered"));
        Assert.Equal(0, counts.GetValueOrDefault("pending") + counts.GetValueOrDefault("claimed") + counts.GetValueOrDefault("rejected"));

        await using var clean = await emulator.RestartWithoutFaultsAsync();
        var contents = await ServiceContents.AmieAsync(clean);

        // The service keys records by (Resource, LocalRecordID) and lists a second copy as a failed
        // duplicate; so loaded == the valid records and an empty failed list mean each is stored once.
        Assert.Equal(expected.Valid.Count, contents.Loaded);
        Assert.Equal(expected.Valid.Values.Sum(), contents.TotalCharge, precision: 6);
        Assert.Equal([RecordFiles.AmieResource], contents.Resources);
        Assert.True(contents.Failed.Count == 0, "failed at the service: " + string.Join("; ", contents.Failed.Take(10).Select(failed => $"{failed.LocalRecordId}: {failed.Error}")));
    }

    internal static void AssertPerseus(ExpectedContents expected, IReadOnlyList<Perseus.UsageReport> reports)
    {
        var byKey = reports.GroupBy(report => DateTimeOffset.Parse(report.Start, System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(byKey, group => Assert.True(group.Count() == 1, $"{group.Count()} reports for {group.Key}"));
        Assert.Equal(expected.Valid.Count, reports.Count);
        foreach (var group in byKey)
        {
            Assert.True(expected.Valid.TryGetValue(group.Key, out var last), $"unexpected report for {group.Key}");
            Assert.Equal(last, group.Single().Value);
        }
    }

    internal static void AssertReported(ExpectedContents expected, string cliOutput)
    {
        var lines = cliOutput.Split('\n');
        foreach (var problem in expected.Invalid)
        {
            const string Malformed = ": malformed JSON";
            if (problem.EndsWith(Malformed, StringComparison.Ordinal))
            {
                // The reader names the member it was reading when the JSON broke off: the line is fixed, the field varies.
                var prefix = "  rejected: " + problem[..^Malformed.Length] + ": ";
                Assert.Contains(lines, line => line.StartsWith(prefix, StringComparison.Ordinal) && line.Contains("malformed JSON", StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains("rejected: " + problem, cliOutput, StringComparison.Ordinal);
            }
        }
    }
}
