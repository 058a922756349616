using System.Text.Json;
using UsageSchema.Amie.Sending;
using UsageSchema.Cli.Tests.EndToEnd;
using UsageSchema.Secrets;

namespace UsageSchema.Cli.Tests.Fidelity;

/// <summary>
/// sacct dumps in the formats sites produce (<c>tests/Fixtures/fidelity/sacct</c>), through the real
/// <c>usage-schema</c> process as a user runs it: <c>validate</c>, <c>validate -</c> from a pipe and
/// <c>send amie --direct</c> to a running emulator. Every ended job is exactly one record with its own
/// LocalRecordID, loaded once; every unfinished or never-started job is skipped, counted and listed, and
/// is never a problem.
/// </summary>
public sealed class SacctDumpFidelityTests
{
    private static readonly string[] Options = ["--resource", RecordFiles.AmieResource, "--sacct-timezone", "UTC"];

    /// <summary>The ended jobs of both Open XDMoD dumps (the same jobs in the current and the 6.x column list).</summary>
    private static readonly string[] XdmodRecords = ["7001", "7003_4", "7003_5", "7011+0", "7011+1", "7014", "7015", "7016", "7017"];

    /// <summary>Their unfinished and never-started rows: line and JobID.</summary>
    private static readonly string[] XdmodSkipped = ["line 2: 7002", "line 3: 7003_[1-3]", "line 6: 7010_[1,4-7%2]", "line 9: 7013", "line 10: 7014", "line 15: 7018"];

    public static TheoryData<string, string[], string[], string[]> Dumps => new()
    {
        // Headerless, Open XDMoD's current list, Windows line ends and no final newline.
        { "xdmod-crlf-no-final-newline.sacct", ["--sacct-columns", "xdmod"], XdmodRecords, XdmodSkipped },

        // Headerless, the 6.x list (no qos, reqgres, no alloctres), Latin-1 bytes in two job names.
        { "xdmod-reqgres-latin1.sacct", ["--sacct-columns", "xdmod-reqgres"], XdmodRecords, XdmodSkipped },

        // A header after a byte order mark, CRLF, steps of every kind (batch, extern, 0, interactive, an array task's, a het component's).
        {
            "header-bom-steps.sacct", [], ["8001", "8002", "8003_4", "8004+0", "8004+1"],
            ["line 3: 8001.batch", "line 4: 8001.extern", "line 5: 8001.0", "line 7: 8002.interactive", "line 9: 8003_4.batch", "line 11: 8004+0.0",
                "line 13: 8005", "line 14: 8006", "line 15: 8007", "line 16: 8007.batch"]
        },

        // The list the CLI itself recommends (no NodeList): jobs cancelled or past their deadline while pending have Start = End and AllocNodes 0.
        { "recommended-list.sacct", [], ["9003", "9004"], ["line 2: 9001", "line 3: 9002", "line 6: 9005"] },

        // sacct's header alone: an hour in which no job ended.
        { "quiet-hour.sacct", [], [], [] },
    };

    [Theory]
    [MemberData(nameof(Dumps))]
    public async Task Validate_reads_each_ended_job_once_and_lists_the_rest_as_skipped(string file, string[] columns, string[] records, string[] skipped)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(["validate", FidelityFixtures.Sacct(file), "--json", .. columns, .. Options]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        var summary = JsonDocument.Parse(output).RootElement;
        Assert.Equal((records.Length, records.Length, 0, skipped.Length),
            (summary.GetProperty("records").GetInt32(), summary.GetProperty("valid").GetInt32(), summary.GetProperty("problemCount").GetInt32(), summary.GetProperty("skipped").GetInt32()));
        // Steps are counted, and listed as one line on the console; the rows listed one by one are the jobs.
        Assert.Equal(skipped.Where(row => !row.Contains('.', StringComparison.Ordinal)),
            summary.GetProperty("skippedRows").EnumerateArray().Select(row => $"{row.GetProperty("location").GetString()}: {row.GetProperty("jobId").GetString()}"));
    }

    [Theory]
    [MemberData(nameof(Dumps))]
    public async Task Send_loads_each_ended_job_under_its_own_id_and_nothing_else(string file, string[] columns, string[] records, string[] skipped)
    {
        await using var emulator = await EmulatorProcess.StartAsync();

        var (exitCode, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets,
            ["send", "amie", FidelityFixtures.Sacct(file), "--direct", "--json", "--url", emulator.Amie.ToString(), .. columns, .. Options]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}\n{emulator.Errors}");
        var report = JsonDocument.Parse(output).RootElement;
        var skippedCount = report.TryGetProperty("skipped", out var count) ? count.GetInt32() : 0; // written when there are any
        Assert.Equal((records.Length, skipped.Length), (report.GetProperty("accepted").GetInt32(), skippedCount));
        Assert.Equal(records.Order(StringComparer.Ordinal), (await LoadedIdsAsync(emulator)).Order(StringComparer.Ordinal));
        Assert.Empty((await ServiceContents.AmieAsync(emulator)).Failed);
    }

    [Fact]
    public async Task A_pipe_reads_as_the_file_does()
    {
        var path = FidelityFixtures.Sacct("xdmod-crlf-no-final-newline.sacct");
        string[] args = ["--sacct-columns", "xdmod", .. Options];

        var fromFile = await CliProcess.RunAsync(["validate", path, .. args]);
        var fromPipe = await CliProcess.RunWithInputAsync(File.ReadAllBytes(path), null, ["validate", "-", .. args]);

        Assert.True(fromPipe.ExitCode == 0, $"exit {fromPipe.ExitCode}\n{fromPipe.Output}\n{fromPipe.Error}");
        Assert.Equal(fromFile.Output.Replace("xdmod-crlf-no-final-newline.sacct:", "stdin:", StringComparison.Ordinal), fromPipe.Output);
        Assert.Contains("stdin: 9 record(s) read, 9 valid, 0 invalid or unreadable, 6 skipped", fromPipe.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_headerless_pipe_is_a_quiet_hour_not_an_error()
    {
        var (exitCode, output, error) = await CliProcess.RunWithInputAsync([], null, ["validate", "-", "--format", "sacct", "--sacct-columns", "xdmod", .. Options]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("no job rows", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_ids_that_restarted_are_named_not_sent_twice()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync(["validate", FidelityFixtures.Sacct("restarted-ids.sacct"), .. Options]);

        Assert.Equal(2, exitCode);
        Assert.Contains("2 record(s) read, 2 valid, 1 invalid or unreadable", output, StringComparison.Ordinal);
        Assert.Contains("line 3: LocalRecordID: \"9100\" is already the LocalRecordID of an earlier line", output, StringComparison.Ordinal);
    }

    private static async Task<List<string>> LoadedIdsAsync(EmulatorProcess emulator)
    {
        using var http = new HttpClient();
        var sender = new AmieUsageSender(http, new AmieClientOptions { BaseAddress = emulator.Amie, SiteName = EmulatorProcess.AmieSite, ApiKey = new Secret(EmulatorProcess.AmieKey) });
        var ids = new List<string>();
        await foreach (var row in sender.GetLoadedRecordsAsync())
        {
            ids.Add(row.LocalRecordId ?? "?");
        }

        return ids;
    }
}
