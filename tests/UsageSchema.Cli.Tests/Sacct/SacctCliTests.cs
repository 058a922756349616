using System.Globalization;
using System.Text.Json;
using UsageSchema.Cli.Tests.EndToEnd;

namespace UsageSchema.Cli.Tests.Sacct;

/// <summary>The real <c>usage-schema</c> process on Open XDMoD's sacct dumps: <c>validate</c>, <c>send --direct</c> to a running emulator, and standard input.</summary>
public class SacctCliTests
{
    private static readonly string[] SacctOptions = ["--resource", SacctFixtures.Resource, "--sacct-timezone", "UTC"];

    [Fact]
    public async Task Validate_headerless_xdmod_dump_lists_skipped_jobs_by_line_and_exits_zero()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(["validate", SacctFixtures.Path("xdmod.sacct"), "--sacct-columns", "xdmod", .. SacctOptions]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("xdmod.sacct: 10 record(s) read, 10 valid, 0 invalid or unreadable, 8 skipped", output, StringComparison.Ordinal);
        Assert.Contains("skipped: line 2: job 4103941: RUNNING: still running", output, StringComparison.Ordinal);
        Assert.Contains("skipped: line 10: job 4103947_[3-5]: pending job-array range", output, StringComparison.Ordinal);
        Assert.Contains("skipped: line 4: job 4103943: CANCELLED before it started", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_headerless_dump_without_columns_says_how_to_read_it()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync(["validate", SacctFixtures.Path("xdmod-noqos.sacct"), .. SacctOptions]);

        Assert.Equal(2, exitCode);
        Assert.Contains("line 1: is not a sacct header line", output, StringComparison.Ordinal);
        Assert.Contains("--sacct-columns xdmod", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_json_counts_skipped_rows_and_steps()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(["validate", SacctFixtures.Path("steps.sacct"), "--json", .. SacctOptions]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        var summary = JsonDocument.Parse(output).RootElement;
        Assert.Equal((3, 5), (summary.GetProperty("records").GetInt32(), summary.GetProperty("skipped").GetInt32()));
        Assert.All(summary.GetProperty("skippedRows").EnumerateArray(), row => Assert.True(row.GetProperty("step").GetBoolean()));
    }

    [Fact]
    public async Task Validate_reads_standard_input_and_tells_sacct_from_its_first_line()
    {
        var (exitCode, output, error) = await CliProcess.RunWithInputAsync(SacctFixtures.Bytes("xdmod-reqgres.sacct"), null, ["validate", "-", "--sacct-columns", "xdmod-reqgres", .. SacctOptions]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("stdin: 10 record(s) read, 10 valid, 0 invalid or unreadable, 8 skipped", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reads_json_lines_from_standard_input_as_from_the_file()
    {
        var fromFile = await CliProcess.RunAsync("validate", CliProcess.Fixture("mixed.jsonl"));
        var fromStdin = await CliProcess.RunWithInputAsync(File.ReadAllBytes(CliProcess.Fixture("mixed.jsonl")), null, "validate", "-");

        Assert.Equal(2, fromStdin.ExitCode);
        Assert.Equal(fromFile.Output.Replace("mixed.jsonl:", "stdin:", StringComparison.Ordinal), fromStdin.Output);
    }

    [Fact]
    public async Task Standard_input_that_is_no_known_format_asks_for_format()
    {
        var (exitCode, _, error) = await CliProcess.RunWithInputAsync("just words\n"u8.ToArray(), null, "validate", "-");

        Assert.Equal(64, exitCode);
        Assert.Contains("--format", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_direct_from_standard_input_loads_the_ended_jobs_once_and_reports_the_skipped()
    {
        await using var emulator = await EmulatorProcess.StartAsync();

        var (exitCode, output, error) = await CliProcess.RunWithInputAsync(SacctFixtures.Bytes("xdmod.sacct"), EmulatorProcess.Secrets,
            ["send", "amie", "-", "--direct", "--url", emulator.Amie.ToString(), "--sacct-columns", "xdmod", .. SacctOptions]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}\n{emulator.Errors}");
        Assert.Contains("10 valid record(s) to send, 10 accepted, 0 problem(s), 8 skipped", output, StringComparison.Ordinal);
        var contents = await ServiceContents.AmieAsync(emulator);
        Assert.Equal(10, contents.Loaded);
        Assert.Equal((double)SacctFixtures.TotalCharge, contents.TotalCharge, 3);
        Assert.Empty(contents.Failed);
    }

    [Fact]
    public async Task Send_json_has_the_skipped_count()
    {
        await using var emulator = await EmulatorProcess.StartAsync();

        var (exitCode, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets,
            ["send", "amie", SacctFixtures.Path("xdmod-header.sacct"), "--direct", "--json", "--url", emulator.Amie.ToString(), .. SacctOptions]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(10, report.GetProperty("accepted").GetInt32());
        Assert.Equal(8, report.GetProperty("skipped").GetInt32());
        Assert.Equal(SacctFixtures.TotalCharge.ToString("F3", CultureInfo.InvariantCulture), ((decimal)(await ServiceContents.AmieAsync(emulator)).TotalCharge).ToString("F3", CultureInfo.InvariantCulture));
    }
}
