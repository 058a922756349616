using System.Text;
using System.Text.Json;
using static UsageSchema.Cli.Tests.BadInput.Samples;

namespace UsageSchema.Cli.Tests.BadInput;

/// <summary>Bad files through the real <c>usage-schema validate</c> process: exit 2, the line and field named, the good records counted, no stack trace.</summary>
public sealed class CliBadInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("usage-schema-badinput-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static void AssertNoCrash(string output, string error)
    {
        Assert.DoesNotContain("Unhandled exception", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLines_with_bad_lines_exits_two_naming_each_and_counting_the_valid()
    {
        var bytes = WithBytes(string.Join('\n', ComputeJson, """{"Username": "a", "Username": "b"}""", PerseusJson, """{"Attributes": {"NodeCount": 99999999999}}""", """{"Username": "@"}""", GatewayJson), 0xC3, 0x28);
        var file = Write("mixed.jsonl", bytes);

        var (exitCode, output, error) = await CliProcess.RunAsync("validate", file);

        Assert.True(exitCode == 2, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("3 record(s) read, 3 valid, 3 invalid or unreadable", output, StringComparison.Ordinal);
        Assert.Contains("line 2: Username: malformed JSON: the member \"Username\" appears twice", output, StringComparison.Ordinal);
        Assert.Contains("line 4: Attributes.NodeCount: wrong type: expected a whole number", output, StringComparison.Ordinal);
        Assert.Contains("line 5: Username: not valid UTF-8", output, StringComparison.Ordinal);
        AssertNoCrash(output, error);
    }

    [Fact]
    public async Task Csv_with_an_unclosed_quote_and_a_huge_cell_keeps_the_rows_after_them()
    {
        var csv = $"\uFEFF{CsvHeader},Notes\r\n{CsvRow(1)},\r\n{CsvRow(2, "\"open")},\r\n{CsvRow(3, new string('x', 200_000))},\r\n{CsvRow(4)},\r\n";
        var file = Write("records.csv", Utf8(csv));

        var (exitCode, output, error) = await CliProcess.RunAsync("validate", file, "--json");

        Assert.True(exitCode == 2, $"exit {exitCode}\n{output}\n{error}");
        using var document = JsonDocument.Parse(output);
        Assert.Equal(2, document.RootElement.GetProperty("valid").GetInt32());
        var problems = document.RootElement.GetProperty("problems").EnumerateArray()
            .Select(problem => (problem.GetProperty("location").GetString(), problem.TryGetProperty("field", out var field) ? field.GetString() : null)).ToList();
        Assert.Equal([("line 1", "Notes"), ("line 3", null), ("line 4", "Attributes.JobName")], problems);
        Assert.True(output.Length < 10_000, "the 200,000-character cell is not echoed");
        AssertNoCrash(output, error);
    }

    [Fact]
    public async Task Sacct_with_bad_rows_exits_two_naming_line_and_field()
    {
        var sacct = $"{SacctHeader}\n{SacctRow(1)}\n2|jdoe|csd123|compute|2024-03-01T08:15:00|2024-03-01T08:20:00|2024-03-01T10:20:00|many|128|md|COMPLETED\n{SacctRow(3)}\n4|jdoe\n";
        var file = Write("jobs.sacct", Utf8(sacct));

        var (exitCode, output, error) = await CliProcess.RunAsync("validate", file, "--resource", "expanse.sdsc.access-ci.org", "--time-zone", "UTC");

        Assert.True(exitCode == 2, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("2 record(s) read, 2 valid, 2 invalid or unreadable", output, StringComparison.Ordinal);
        Assert.Contains("line 3: Attributes.NodeCount: \"many\" is not a whole number", output, StringComparison.Ordinal);
        Assert.Contains("line 5: LocalProjectID: expected 11 '|'-separated fields as in the header, got 2", output, StringComparison.Ordinal);
        AssertNoCrash(output, error);
    }

    [Fact]
    public async Task Json_array_with_a_syntax_error_keeps_the_records_around_it()
    {
        var json = $"[\n  {ComputeJson},\n  {{\"Charge\": \"1\" \"Username\": \"x\"}},\n  {AdjustmentJson}\n]\n";
        var file = Write("records.json", Encoding.UTF8.GetBytes(json));

        var (exitCode, output, error) = await CliProcess.RunAsync("validate", file);

        Assert.True(exitCode == 2, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("2 record(s) read, 2 valid", output, StringComparison.Ordinal);
        Assert.Contains("line 3: [1].Charge: malformed JSON", output, StringComparison.Ordinal);
        AssertNoCrash(output, error);
    }

    [Fact]
    public async Task Empty_file_exits_two_with_one_problem()
    {
        var file = Write("empty.jsonl", []);

        var (exitCode, output, error) = await CliProcess.RunAsync("validate", file);

        Assert.Equal(2, exitCode);
        Assert.Contains("file: the file is empty", output, StringComparison.Ordinal);
        AssertNoCrash(output, error);
    }
}
