using System.Text.Json;

namespace UsageSchema.Cli.Tests;

public class EndToEndTests
{
    [Fact]
    public async Task Demo_RunsAllThreeApisAgainstTheEmulator_AndExitsZero()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync("demo");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("== AMIE: sending 6 records (4 valid, 2 invalid) ==", output, StringComparison.Ordinal);
        Assert.Contains("Attributes.NodeCount: must be >= 1; got 0", output, StringComparison.Ordinal);
        Assert.Contains("Duplicate LocalRecordID", output, StringComparison.Ordinal);
        Assert.Contains("expanse.sdsc.access-ci.org: 3 loaded, 1 failed", output, StringComparison.Ordinal);
        Assert.Contains("reply: Staged", output, StringComparison.Ordinal);
        Assert.Contains("Did you mean one of these?", output, StringComparison.Ordinal);
        Assert.Contains("201 created", output, StringComparison.Ordinal);
        Assert.Contains("200 updated", output, StringComparison.Ordinal);
        Assert.Contains("1 report(s), value(s) 150", output, StringComparison.Ordinal);
        Assert.Contains("the service loaded 3 more records for expanse.sdsc.access-ci.org (each of the 3 once, though sent twice)", output, StringComparison.Ordinal);
        Assert.Contains("== Done ==", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Json_WritesTheSummaryAlone_OnStandardOutput()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync("demo", "--json");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("== Done ==", error, StringComparison.Ordinal);
        var summary = JsonDocument.Parse(output).RootElement;
        Assert.Equal(4, summary.GetProperty("amieAccepted").GetInt32());
        Assert.Equal(["Staged", "UnknownResource"], summary.GetProperty("gatewayReplies").EnumerateArray().Select(reply => reply.GetString()));
        var outbox = summary.GetProperty("outbox");
        Assert.Equal(3, outbox.GetProperty("deliveredOnRerun").GetInt32());
        Assert.Equal(3, outbox.GetProperty("loadedAtTheService").GetInt64());
        Assert.Equal(0, outbox.GetProperty("failedAtTheService").GetInt32());
    }

    [Fact]
    public async Task Validate_ValidMessage_ExitsZero()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync("validate", CliProcess.Fixture("compute-message.json"));

        Assert.Equal(0, exitCode);
        Assert.Contains("2 record(s) read, 2 valid, 0 invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadLines_ExitsTwo_NamingLineAndField()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync("validate", CliProcess.Fixture("mixed.jsonl"));

        Assert.Equal(2, exitCode);
        Assert.Contains("line 2: Attributes.NodeCount: must be >= 1; got 0", output, StringComparison.Ordinal);
        Assert.Contains("line 2: SubmitTime: must be an ISO 8601 date-time with offset", output, StringComparison.Ordinal);
        Assert.Contains("line 3: Resource: malformed JSON", output, StringComparison.Ordinal);
        Assert.Contains("line 4: Attributes.NodeCount: wrong type: expected a whole number", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Json_IsMachineReadable()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync("validate", CliProcess.Fixture("records.csv"), "--json");

        Assert.Equal(2, exitCode);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(2, document.RootElement.GetProperty("records").GetInt32());
        var problems = document.RootElement.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, problem => problem.GetProperty("location").GetString() == "line 5" && problem.GetProperty("field").GetString() == "Username");
    }

    [Fact]
    public async Task Validate_Sacct_WithoutResource_IsAUsageError()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync("validate", CliProcess.Fixture("jobs.sacct"));

        Assert.Equal(64, exitCode);
        Assert.Contains("--resource", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "no-such-file.json")]
    [InlineData("no-such-command")]
    [InlineData("send", "amie")]
    public async Task UsageErrors_ExitSixtyFour(params string[] args)
    {
        var (exitCode, _, _) = await CliProcess.RunAsync(args);

        Assert.Equal(64, exitCode);
    }

    [Fact]
    public async Task Send_Amie_ToTheEmbeddedEmulator_AcceptsValidRecords()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync("send", "amie", CliProcess.Fixture("compute-message.json"), "--emulator");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("2 valid record(s) to send, 2 accepted, 0 problem(s)", output, StringComparison.Ordinal);
        Assert.Contains("outbox: 2 added", output, StringComparison.Ordinal);
        Assert.Contains("embedded in-memory emulator", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Amie_WithInvalidRecords_SendsTheValidOnes_AndExitsTwo()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync("send", "amie", CliProcess.Fixture("mixed.jsonl"), "--json", "--emulator");

        Assert.Equal(2, exitCode);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(1, document.RootElement.GetProperty("accepted").GetInt32());
        var rejected = document.RootElement.GetProperty("rejected").EnumerateArray().Select(item => item.GetProperty("location").GetString()).ToList();
        Assert.Contains("line 5", rejected);
        Assert.Contains("line 2", rejected);
    }

    [Fact]
    public async Task Send_WithUrlButNoKey_IsAUsageError()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync("send", "perseus", CliProcess.Fixture("mixed.jsonl"), "--url", "http://127.0.0.1:9/perseus/api/");

        Assert.Equal(64, exitCode);
        Assert.Contains("USAGE_SCHEMA_PERSEUS_TOKEN", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Gateway_UnknownResource_IsRejectedWithTheSuggestions_AndExitsTwo()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync("send", "gateway", CliProcess.Fixture("gateway-jobs.csv"), "--emulator");

        Assert.Equal(2, exitCode);
        Assert.Contains("2 valid record(s) to send, 1 accepted, 1 problem(s)", output, StringComparison.Ordinal);
        Assert.Contains("rejected: line 3: Unknown resource 'expanse.sdsc.access-ci.org'; the service suggests: expanse.sdsc.xsede.org", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Gateway_Direct_ShowsEachReply()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync("send", "gateway", CliProcess.Fixture("gateway-jobs.csv"), "--direct", "--emulator");

        Assert.Equal(2, exitCode);
        Assert.Contains("line 2: Staged: job 1 on expanse.sdsc.xsede.org", output, StringComparison.Ordinal);
        Assert.Contains("rejected: line 3: xsederesourcename: unknown resource \"expanse.sdsc.access-ci.org\"; did you mean one of: expanse.sdsc.xsede.org", output, StringComparison.Ordinal);
    }
}
