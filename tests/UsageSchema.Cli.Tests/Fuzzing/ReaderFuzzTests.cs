using System.Text;
using UsageSchema.Cli.Input;
using UsageSchema.Cli.Tests.BadInput;
using UsageSchema.Testing.Fuzzing;

namespace UsageSchema.Cli.Tests.Fuzzing;

/// <summary>
/// Every reader of the CLI, given mutated valid files and arbitrary bytes: it never throws, every
/// problem names its location, each non-blank line ends up as records or problems, and every record
/// it accepts serializes and reads back as itself. Bounded: 400 cases per property from a fixed seed
/// (see <see cref="FuzzRun"/> for longer runs).
/// </summary>
public class ReaderFuzzTests
{
    private static readonly string[] JsonLinesFiles =
    [
        string.Join('\n', Samples.ComputeJson, Samples.StorageJson, Samples.AdjustmentJson),
        string.Join('\n', Samples.PerseusJson, Samples.GatewayJson, $$"""{"UsageType": "Storage", "Records": [{{Samples.StorageJson}}, {{Samples.StorageJson}}]}"""),
        string.Join("\r\n", Samples.ComputeJson, string.Empty, Samples.GatewayJson) + "\r\n",
    ];

    private static readonly string[] JsonFiles =
    [
        $"[\n  {Samples.ComputeJson},\n  {Samples.PerseusJson},\n  {Samples.GatewayJson},\n  {Samples.AdjustmentJson}\n]\n",
        $$"""{"UsageType": "Compute", "Records": [{{Samples.ComputeJson}}, {{Samples.ComputeJson}}]}""",
        Samples.StorageJson,
    ];

    private static readonly string[] CsvFiles =
    [
        $"{Samples.CsvHeader}\n{Samples.CsvRow(1)}\n{Samples.CsvRow(2, "\"md, run \"\"one\"\"\"")}\n{Samples.CsvRow(3, "\"two\nlines\"")}\n{Samples.CsvRow(4)}\n",
        "\uFEFFgatewayuser,xsederesourcename,jobid,submittime,software\r\nu@x.edu,expanse.sdsc.access-ci.org,1,2024-03-01 08:15:00 -08:00,gromacs\r\nv@x.edu,expanse.sdsc.access-ci.org,2,2024-03-01 08:15:00 -08:00,\r\n",
    ];

    private static readonly string[] SacctFiles =
    [
        $"{Samples.SacctHeader}\n{Samples.SacctRow(1)}\n2.batch|||compute|2024-03-01T08:15:00|2024-03-01T08:20:00|2024-03-01T10:20:00|1|128|batch|COMPLETED\n{Samples.SacctRow(3)}\n{Samples.SacctRow(4, "asmith", "train")}\n",
    ];

    [Fact]
    public void JsonLines_mutated() => FuzzRun.Check(Mutations.Of(JsonLinesFiles), CheckJsonLines, cases: 400);

    [Fact]
    public void JsonLines_arbitrary() => FuzzRun.Check(Mutations.Arbitrary(), CheckJsonLines, cases: 300);

    [Fact]
    public void Json_mutated() => FuzzRun.Check(Mutations.Of(JsonFiles), CheckJson, cases: 400);

    [Fact]
    public void Json_arbitrary() => FuzzRun.Check(Mutations.Arbitrary(), CheckJson, cases: 300);

    [Fact]
    public void Csv_mutated() => FuzzRun.Check(Mutations.Of(CsvFiles), CheckCsv, cases: 400);

    [Fact]
    public void Csv_arbitrary() => FuzzRun.Check(Mutations.Arbitrary(), CheckCsv, cases: 300);

    [Fact]
    public void Sacct_mutated() => FuzzRun.Check(Mutations.Of(SacctFiles), CheckSacct, cases: 400);

    [Fact]
    public void Sacct_arbitrary() => FuzzRun.Check(Mutations.Arbitrary(), CheckSacct, cases: 300);

    [Fact]
    public void Valid_corpora_read_without_problems()
    {
        Assert.All(JsonLinesFiles, file => Assert.Empty(JsonLinesRecordReader.Read(Encoding.UTF8.GetBytes(file)).Problems));
        Assert.All(JsonFiles, file => Assert.Empty(JsonRecordReader.Read(Encoding.UTF8.GetBytes(file)).Problems));
        Assert.All(CsvFiles, file => Assert.Empty(CsvRecordReader.Read(Encoding.UTF8.GetBytes(file)).Problems));
        Assert.All(SacctFiles, file => Assert.Empty(SacctRecordReader.Read(Encoding.UTF8.GetBytes(file), Samples.Mapping()).Problems));
    }

    private static void CheckJsonLines(byte[] bytes)
    {
        var result = JsonLinesRecordReader.Read(bytes);
        ReadInvariants.WellFormed(result);
        ReadInvariants.RoundTrips(result);

        // Exact accounting: every non-blank line, and nothing else, is a record or a problem.
        var nonBlank = ReadInvariants.Lines(bytes).Where(line => !ReadInvariants.IsBlank(line)).Select(line => line.Number).ToHashSet();
        Assert.Equal(nonBlank.Order(), ReadInvariants.Mentioned(result).Order());
        Assert.Equal(nonBlank.Count == 0, result.Problems.Any(problem => problem.Location == "file"));
    }

    private static void CheckJson(byte[] bytes)
    {
        var result = JsonRecordReader.Read(bytes);
        ReadInvariants.WellFormed(result);
        ReadInvariants.RoundTrips(result);
        Assert.True(result.Records.Count + result.Problems.Count > 0, "a document gives records or says why not");
    }

    private static void CheckCsv(byte[] bytes)
    {
        var result = CsvRecordReader.Read(bytes);
        ReadInvariants.WellFormed(result);
        ReadInvariants.RoundTrips(result);

        var lines = ReadInvariants.Lines(bytes).Where(line => !ReadInvariants.IsBlank(line)).ToList();
        if (lines.Count == 0)
        {
            Assert.Equal("file", Assert.Single(result.Problems).Location);
            return;
        }

        var header = lines[0].Number;
        var mentioned = ReadInvariants.Mentioned(result);
        if (result.Problems.Any(problem => problem.Location == JsonRecordReader.Line(header) && problem.Field is null))
        {
            return; // The header is unusable, and says so; no row can be read.
        }

        mentioned.Add(header);
        Assert.Subset(lines.Select(line => line.Number).ToHashSet(), mentioned);
        var quoteFree = !bytes.Contains((byte)'"');
        foreach (var line in lines.Where(line => !mentioned.Contains(line.Number)))
        {
            // Only the continuation lines of a quoted cell go unmentioned, and only within the span a quoted cell may have.
            Assert.False(quoteFree, $"line {line.Number} is neither a record nor a problem");
            Assert.Contains(mentioned, start => start < line.Number && line.Number - start < InputLimits.MaxQuotedLines);
        }
    }

    private static void CheckSacct(byte[] bytes)
    {
        var result = SacctRecordReader.Read(bytes, Samples.Mapping());
        ReadInvariants.WellFormed(result);
        ReadInvariants.RoundTrips(result);

        var lines = ReadInvariants.Lines(bytes).Where(line => !ReadInvariants.IsBlank(line)).ToList();
        if (lines.Count == 0 || result.Problems.Any(problem => problem.Location == JsonRecordReader.Line(lines[0].Number) && problem.Field is null))
        {
            return; // An empty file or an unusable header, said as such.
        }

        var mentioned = ReadInvariants.Mentioned(result);
        var skipped = result.Skipped.Select(row => row.Location).ToHashSet(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(line => !mentioned.Contains(line.Number)))
        {
            // Skipped rows (job steps, jobs not ended) are listed as such; any other row is a record or a problem.
            Assert.True(skipped.Contains(JsonRecordReader.Line(line.Number)), $"line {line.Number} is neither a record, a problem nor a skipped row");
        }
    }
}
