using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using UsageSchema.Testing.Postgres;

namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// The real CLI process against the real emulator process (and, where the emulator does not give the
/// answer, a scripted server in front of it): a record is rejected only when the service said it is bad;
/// everything else stays in the outbox and a later run delivers it; storage failures end with exit 3 and
/// one clear line.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class OutboxSafetyTests(PostgresServer server)
{
    private static readonly string[] NoRetries = ["--retries", "0", "--timeout", "10"];

    [Fact]
    public async Task A_404_from_a_wrong_prefix_leaves_the_records_pending_and_a_rerun_against_the_right_url_delivers_them()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var file = Path.Combine(emulator.Folder, "amie.jsonl");
        RecordFiles.Amie(file, 5, invalidEvery: 0);
        var outbox = Path.Combine(emulator.Folder, "outbox.db");
        var wrongUrl = new Uri(emulator.BaseAddress, "/wrong-prefix" + emulator.Amie.AbsolutePath).AbsoluteUri;

        var (wrongExit, wrongOutput, wrongError) = await CliProcess.RunAsync(EmulatorProcess.Secrets, ["send", "amie", file, "--url", wrongUrl, "--outbox", outbox, "--no-progress", .. NoRetries]);

        Assert.True(wrongExit == ExitCodes.ServiceError, $"exit {wrongExit}\n{wrongOutput}\n{wrongError}");
        Assert.Contains("404", wrongOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected", wrongOutput.Replace("0 rejected", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(5, (await SendRuns.OutboxCountsAsync(outbox, "amie"))["pending"]);

        var (exit, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets, SendRuns.Arguments(emulator, "amie", file, outbox, NoRetries));

        Assert.True(exit == ExitCodes.Success, $"exit {exit}\n{output}\n{error}");
        Assert.Equal(5, (await ServiceContents.AmieAsync(emulator)).Loaded);
    }

    [Fact]
    public async Task A_400_on_a_three_record_request_rejects_only_the_bad_record()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        await using var proxy = new ScriptedProxy(emulator.BaseAddress, (method, path, body) =>
            method == "POST" && body.Contains("\"LocalRecordID\":\"r2\"", StringComparison.Ordinal)
                ? (400, """{"error": "Charge exceeds the project's allocation"}""")
                : null);
        var file = Path.Combine(emulator.Folder, "amie.jsonl");
        RecordFiles.Amie(file, 3, invalidEvery: 0);
        var outbox = Path.Combine(emulator.Folder, "outbox.db");

        var (exit, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets, ["send", "amie", file, "--url", proxy.UrlFor(emulator.Amie), "--outbox", outbox, "--no-progress", .. NoRetries]);

        Assert.True(exit == ExitCodes.InvalidRecords, $"exit {exit}\n{output}\n{error}");
        var rejected = Assert.Single(output.Split('\n'), line => line.Contains("rejected: ", StringComparison.Ordinal));
        Assert.Contains("line 2", rejected, StringComparison.Ordinal);
        Assert.Contains("Charge exceeds the project's allocation", rejected, StringComparison.Ordinal);
        Assert.Equal(2, (await ServiceContents.AmieAsync(emulator)).Loaded);
        var counts = await SendRuns.OutboxCountsAsync(outbox, "amie");
        Assert.Equal(2, counts["delivered"]);
        Assert.Equal(1, counts["rejected"]);
    }

    [Fact]
    public async Task A_corrected_record_replaces_a_rejected_one_and_the_identical_one_is_reported_not_resent()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        await using var proxy = new ScriptedProxy(emulator.BaseAddress, (method, path, body) =>
            method == "POST" && body.Contains("\"Charge\":\"666.0\"", StringComparison.Ordinal) ? (400, """{"error": "Charge 666.0 is not plausible"}""") : null);
        var outbox = Path.Combine(emulator.Folder, "outbox.db");
        var bad = Path.Combine(emulator.Folder, "bad.jsonl");
        var corrected = Path.Combine(emulator.Folder, "corrected.jsonl");
        File.WriteAllText(bad, Compute("job-1", "666.0") + "\n");
        File.WriteAllText(corrected, Compute("job-1", "6.0") + "\n");
        string[] Send(string file) => ["send", "amie", file, "--url", proxy.UrlFor(emulator.Amie), "--outbox", outbox, "--no-progress", .. NoRetries];

        var first = await CliProcess.RunAsync(EmulatorProcess.Secrets, Send(bad));
        var postsAfterFirst = proxy.Posts;
        var again = await CliProcess.RunAsync(EmulatorProcess.Secrets, Send(bad));
        var postsAfterAgain = proxy.Posts;
        var fixedRun = await CliProcess.RunAsync(EmulatorProcess.Secrets, Send(corrected));

        Assert.True(first.ExitCode == ExitCodes.InvalidRecords, $"{first}");
        Assert.Contains("Charge 666.0 is not plausible", first.Output, StringComparison.Ordinal);
        Assert.True(again.ExitCode == ExitCodes.InvalidRecords, $"{again}");
        Assert.Contains("rejected before: ", again.Output, StringComparison.Ordinal);
        Assert.Equal(postsAfterFirst, postsAfterAgain); // the identical record was not sent again
        Assert.True(fixedRun.ExitCode == ExitCodes.Success, $"{fixedRun}");
        Assert.Contains("1 replaced", fixedRun.Output, StringComparison.Ordinal);
        var stored = await ServiceContents.AmieAsync(emulator);
        Assert.Equal(1, stored.Loaded);
        Assert.Equal(6.0, stored.TotalCharge, precision: 3);
    }

    [Fact]
    public async Task Retry_after_is_respected_across_runs()
    {
        // Long enough that the second run surely comes before it, on a loaded machine too.
        var retryAfter = TimeSpan.FromSeconds(15);
        await using var healthy = await EmulatorProcess.StartAsync();
        await using var throttled = await EmulatorProcess.StartAsync("--429-rate", "1", "--retry-after", retryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        var file = Path.Combine(throttled.Folder, "amie.jsonl");
        RecordFiles.Amie(file, 3, invalidEvery: 0);
        var outbox = Path.Combine(throttled.Folder, "outbox.db");
        var first = await CliProcess.RunAsync(EmulatorProcess.Secrets, SendRuns.Arguments(throttled, "amie", file, outbox, NoRetries));
        var released = Stopwatch.StartNew();

        var tooSoon = await CliProcess.RunAsync(EmulatorProcess.Secrets, SendRuns.Arguments(healthy, "amie", file, outbox, NoRetries));
        var soonElapsed = released.Elapsed;
        var loadedTooSoon = (await ServiceContents.AmieAsync(healthy)).Loaded;
        await Task.Delay(retryAfter + TimeSpan.FromSeconds(1) - released.Elapsed is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        var later = await CliProcess.RunAsync(EmulatorProcess.Secrets, SendRuns.Arguments(healthy, "amie", file, outbox, NoRetries));

        Assert.True(first.ExitCode == ExitCodes.ServiceError, $"{first}");
        Assert.Contains("429", first.Output, StringComparison.Ordinal);
        Assert.True(soonElapsed < retryAfter, $"the second run came too late to prove anything ({soonElapsed})");
        Assert.True(tooSoon.ExitCode == ExitCodes.ServiceError, $"{tooSoon}");
        Assert.Equal(0, loadedTooSoon); // nothing was claimable before Retry-After, so nothing was sent
        Assert.True(later.ExitCode == ExitCodes.Success, $"{later}");
        Assert.Equal(3, (await ServiceContents.AmieAsync(healthy)).Loaded);
    }

    [Fact]
    public async Task A_full_disk_ends_with_exit_3_and_one_clear_line_and_loses_nothing()
    {
        Assert.True(Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root", "This test mounts a small tmpfs as a full disk: run the tests as root (as CI does).");
        await using var emulator = await EmulatorProcess.StartAsync();
        var disk = Path.Combine(emulator.Folder, "small-disk");
        Directory.CreateDirectory(disk);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk);
        try
        {
            var outbox = Path.Combine(disk, "outbox.db");
            var small = Path.Combine(emulator.Folder, "small.jsonl");
            var big = Path.Combine(emulator.Folder, "big.jsonl");
            File.WriteAllLines(small, Enumerable.Range(1, 5).Select(i => Compute("small-" + i.ToString(CultureInfo.InvariantCulture), "1.0")));
            File.WriteAllLines(big, Enumerable.Range(1, 6_000).Select(i => Compute("big-" + i.ToString(CultureInfo.InvariantCulture), "1.0")));

            var before = await CliProcess.RunAsync(EmulatorProcess.Secrets, SendRuns.Arguments(emulator, "amie", small, outbox, NoRetries));
            var full = await CliProcess.RunAsync(EmulatorProcess.Secrets, SendRuns.Arguments(emulator, "amie", big, outbox, NoRetries));

            Assert.True(before.ExitCode == ExitCodes.Success, $"{before}");
            Assert.True(full.ExitCode == ExitCodes.ServiceError, $"{full}");
            var line = Assert.Single(full.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), text => text.StartsWith("outbox error: ", StringComparison.Ordinal));
            Assert.Contains(outbox, line, StringComparison.Ordinal);
            Assert.Contains("full", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", full.Error, StringComparison.Ordinal);
            Assert.Equal(5, (await SendRuns.OutboxCountsAsync(outbox, "amie"))["delivered"]);
            Assert.Equal(5, (await ServiceContents.AmieAsync(emulator)).Loaded); // none of the big file sent unrecorded

            await RunAsync("mount", "-o", "remount,size=64m", disk);
            var after = await CliProcess.RunAsync(EmulatorProcess.Secrets, SendRuns.Arguments(emulator, "amie", big, outbox, NoRetries));
            Assert.True(after.ExitCode == ExitCodes.Success, $"{after}");
            var stored = await ServiceContents.AmieAsync(emulator);
            Assert.Equal(6_005, stored.Loaded);
            Assert.Empty(stored.Failed);
        }
        finally
        {
            await RunAsync("umount", "-l", disk);
        }
    }

    [Fact]
    public async Task A_postgresql_outbox_that_goes_away_mid_pass_ends_with_exit_3_and_a_rerun_delivers_everything_once()
    {
        var schema = PostgresServer.NewSchema();
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        await using var cut = new TcpCut(builder.Host!, builder.Port);
        await using var emulator = await EmulatorProcess.StartAsync("--delay", "0.2");
        var file = Path.Combine(emulator.Folder, "amie.jsonl");
        RecordFiles.Amie(file, 60, invalidEvery: 0);
        var location = string.Create(CultureInfo.InvariantCulture, $"postgresql://{builder.Username}@127.0.0.1:{cut.Port}/{builder.Database}?schema={schema}");
        try
        {
            var arguments = SendRuns.Arguments(emulator, "amie", file, location, [.. NoRetries, "--batch-size", "4"]);
            var environment = new Dictionary<string, string>(EmulatorProcess.Secrets) { ["PGPASSWORD"] = builder.Password ?? string.Empty };
            using var process = CliProcess.Start(environment, arguments);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await WaitUntilAsync(async () => await DeliveredAsync(schema) >= 8, TimeSpan.FromSeconds(60));
            await cut.CutAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            {
                await process.WaitForExitAsync(timeout.Token);
            }

            var text = await output + await error;
            Assert.True(process.ExitCode == ExitCodes.ServiceError, $"exit {process.ExitCode}\n{text}");
            var line = Assert.Single((await error).Split('\n', StringSplitOptions.RemoveEmptyEntries), entry => entry.StartsWith("outbox error: ", StringComparison.Ordinal));
            Assert.Contains("PostgreSQL outbox", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.True(await DeliveredAsync(schema) < 60, "the pass was cut before it ended");

            cut.Resume();
            var rerun = await CliProcess.RunAsync(environment, arguments);
            Assert.True(rerun.ExitCode == ExitCodes.Success, $"{rerun}");
            Assert.Equal(60, await DeliveredAsync(schema));
            var stored = await ServiceContents.AmieAsync(emulator);
            Assert.Equal(60, stored.Loaded);
            Assert.Empty(stored.Failed);
        }
        finally
        {
            await server.ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }

    [Fact]
    public async Task Send_direct_follows_the_same_table_a_gateway_page_that_is_not_job_attributes_is_not_accepted()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        await using var proxy = new ScriptedProxy(emulator.BaseAddress, (method, path, body) =>
            method == "POST" ? (200, "<html><body>Please log in</body></html>") : null);
        var file = Path.Combine(emulator.Folder, "gateway.jsonl");
        RecordFiles.Gateway(file, 2, invalidEvery: 0);

        var (exit, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets, ["send", "gateway", file, "--direct", "--url", proxy.UrlFor(emulator.Gateway), "--no-progress", .. NoRetries]);

        Assert.True(exit == ExitCodes.ServiceError, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("0 accepted", output, StringComparison.Ordinal);
        Assert.Contains("none of the documented ones", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_outbox_and_its_directories_are_created_private()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No Unix modes there.
        }

        await using var emulator = await EmulatorProcess.StartAsync();
        var state = Path.Combine(emulator.Folder, "state");
        var file = Path.Combine(emulator.Folder, "amie.jsonl");
        RecordFiles.Amie(file, 2, invalidEvery: 0);
        var environment = new Dictionary<string, string>(EmulatorProcess.Secrets) { ["XDG_STATE_HOME"] = state };

        var (exit, output, error) = await CliProcess.RunAsync(environment, "send", "amie", file, "--url", emulator.Amie.AbsoluteUri, "--no-progress");

        Assert.True(exit == ExitCodes.Success, $"exit {exit}\n{output}\n{error}");
        var outbox = Path.Combine(state, "usage-schema", "outbox.db");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(outbox));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(outbox)!));
    }

    private static string Compute(string localRecordId, string charge) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["UsageType"] = "Compute", ["Username"] = "jdoe", ["LocalProjectID"] = "csd123", ["LocalRecordID"] = localRecordId,
        ["Resource"] = RecordFiles.AmieResource, ["SubmitTime"] = "2024-03-01T08:15:00-08:00", ["StartTime"] = "2024-03-01T08:20:00-08:00",
        ["EndTime"] = "2024-03-01T09:20:00-08:00", ["Charge"] = charge, ["Attributes"] = new Dictionary<string, object> { ["NodeCount"] = 1, ["JobName"] = "a job name that makes the record a little larger, as real ones are" },
    });

    private async Task<long> DeliveredAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {schema}.outbox_entries WHERE state = 'delivered'", connection);
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < limit, "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: exit {process.ExitCode}: {error}");
    }
}
