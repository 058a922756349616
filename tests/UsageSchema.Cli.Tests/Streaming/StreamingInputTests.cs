using System.Globalization;
using System.Text;
using System.Text.Json;

namespace UsageSchema.Cli.Tests.Streaming;

/// <summary>
/// A large generated input streamed through the real <c>usage-schema validate -</c> process from
/// standard input: the counts are exact, a bad line among many good ones is named and costs no
/// neighbour, and <c>--problems FILE</c> holds every problem while the console caps them.
/// (Memory is measured in the bench, not asserted here.)
/// </summary>
public sealed class StreamingInputTests : IDisposable
{
    private const int Records = 200_000;

    private readonly string _folder = Directory.CreateTempSubdirectory("usage-schema-streaming-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Before = "{\"Username\": \"jdoe\", \"LocalProjectID\": \"csd123\", \"LocalRecordID\": \"";

    private const string Middle = "\", \"Resource\": \"expanse.sdsc.access-ci.org\", \"SubmitTime\": \"2024-03-01T08:15:00-08:00\", \"StartTime\": \"2024-03-01T08:20:12-08:00\", \"EndTime\": \"2024-03-01T10:20:12-08:00\", \"Charge\": \"1.0\", \"Attributes\": {\"NodeCount\": ";

    private static string Compute(int id, int nodes) => Before + id.ToString(CultureInfo.InvariantCulture) + Middle + nodes.ToString(CultureInfo.InvariantCulture) + "}}";

    /// <summary>Every 1000th record invalid (NodeCount 0), and line 7 broken JSON.</summary>
    private static byte[] Generate(out int invalid)
    {
        var text = new StringBuilder(Records * 330);
        invalid = 0;
        for (var i = 1; i <= Records; i++)
        {
            if (i == 7)
            {
                text.Append("{\"Username\": \"jdoe\",\n");
                invalid++;
                continue;
            }

            var bad = i % 1000 == 0;
            invalid += bad ? 1 : 0;
            text.Append(Compute(i, bad ? 0 : 1)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Validate_streams_a_large_standard_input_with_exact_counts()
    {
        var input = Generate(out var invalid);
        var problemsFile = Path.Combine(_folder, "problems.jsonl");

        var (exitCode, output, error) = await CliProcess.RunWithInputAsync(input, null, "validate", "-", "--problems", problemsFile);

        Assert.True(exitCode == ExitCodes.InvalidRecords, $"exit {exitCode}: {error}");
        var read = Records - 1;
        Assert.Contains($"stdin: {read} record(s) read, {read - (invalid - 1)} valid, {invalid} invalid or unreadable", output, StringComparison.Ordinal);
        Assert.Contains("  line 7: ", output, StringComparison.Ordinal);
        Assert.Contains("  line 1000: Attributes.NodeCount: ", output, StringComparison.Ordinal);

        var lines = File.ReadAllLines(problemsFile);
        Assert.Equal(invalid, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("line 7", first.RootElement.GetProperty("location").GetString());
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.Equal($"line {Records}", last.RootElement.GetProperty("location").GetString());
        Assert.Equal("Attributes.NodeCount", last.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_console_caps_the_problems_it_prints_and_says_where_the_rest_are()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 1500; i++)
        {
            text.Append(Compute(i, 0)).Append('\n');
        }

        var problemsFile = Path.Combine(_folder, "all.jsonl");
        var (exitCode, output, _) = await CliProcess.RunWithInputAsync(Encoding.UTF8.GetBytes(text.ToString()), null, "validate", "-", "--format", "jsonl", "--problems", problemsFile);

        Assert.Equal(ExitCodes.InvalidRecords, exitCode);
        Assert.Contains("1500 record(s) read, 0 valid, 1500 invalid or unreadable", output, StringComparison.Ordinal);
        Assert.Contains($"... and 500 more problem(s) in {problemsFile}", output, StringComparison.Ordinal);
        Assert.Equal(1500, File.ReadAllLines(problemsFile).Length);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Send_streams_standard_input_through_the_outbox_while_it_is_read()
    {
        // More records than the outbox may hold undelivered for one run, so the reader waits for the dispatcher at least once.
        const int count = 60_000;
        var text = new StringBuilder(count * 330);
        for (var i = 1; i <= count; i++)
        {
            text.Append(Compute(i, i == 3 ? 0 : 1)).Append('\n');
        }

        var (exitCode, output, error) = await CliProcess.RunWithInputAsync(Encoding.UTF8.GetBytes(text.ToString()), null, "send", "amie", "-", "--emulator", "--json");

        Assert.True(exitCode == ExitCodes.InvalidRecords, $"exit {exitCode}: {error}");
        using var report = JsonDocument.Parse(output);
        Assert.Equal(count - 1, report.RootElement.GetProperty("records").GetInt32());
        Assert.Equal(count - 1, report.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("rejectedCount").GetInt32());
        Assert.Equal("line 3", report.RootElement.GetProperty("rejected")[0].GetProperty("location").GetString());
    }
}
