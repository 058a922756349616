using System.Text;
using UsageSchema.Cli.Input;
using UsageSchema.Cli.Tests.BadInput;
using UsageSchema.Testing.Fuzzing;
using UsageSchema.Testing.Fuzzing.Readers;

namespace UsageSchema.Cli.Tests.Fuzzing;

/// <summary>
/// Every reader of the CLI, given mutated valid files and arbitrary bytes: it never throws, every
/// problem names its location, each non-blank line ends up as records or problems, and every record
/// it accepts serializes and reads back as itself. Bounded: 400 cases per property from a fixed seed
/// (see <see cref="FuzzRun"/> for longer runs).
/// The invariants are <see cref="ReaderChecks"/>, which afl-fuzz and the corpus replay also check.
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
    public void JsonLines_mutated() => FuzzRun.Check(Mutations.Of(JsonLinesFiles), ReaderChecks.JsonLines, cases: 400);

    [Fact]
    public void JsonLines_arbitrary() => FuzzRun.Check(Mutations.Arbitrary(), ReaderChecks.JsonLines, cases: 300);

    [Fact]
    public void Json_mutated() => FuzzRun.Check(Mutations.Of(JsonFiles), ReaderChecks.Json, cases: 400);

    [Fact]
    public void Json_arbitrary() => FuzzRun.Check(Mutations.Arbitrary(), ReaderChecks.Json, cases: 300);

    [Fact]
    public void Csv_mutated() => FuzzRun.Check(Mutations.Of(CsvFiles), ReaderChecks.Csv, cases: 400);

    [Fact]
    public void Csv_arbitrary() => FuzzRun.Check(Mutations.Arbitrary(), ReaderChecks.Csv, cases: 300);

    [Fact]
    public void Sacct_mutated() => FuzzRun.Check(Mutations.Of(SacctFiles), ReaderChecks.Sacct, cases: 400);

    [Fact]
    public void Sacct_arbitrary() => FuzzRun.Check(Mutations.Arbitrary(), ReaderChecks.Sacct, cases: 300);

    [Fact]
    public void Valid_corpora_read_without_problems()
    {
        Assert.All(JsonLinesFiles, file => Assert.Empty(JsonLinesRecordReader.Read(Encoding.UTF8.GetBytes(file)).Problems));
        Assert.All(JsonFiles, file => Assert.Empty(JsonRecordReader.Read(Encoding.UTF8.GetBytes(file)).Problems));
        Assert.All(CsvFiles, file => Assert.Empty(CsvRecordReader.Read(Encoding.UTF8.GetBytes(file)).Problems));
        Assert.All(SacctFiles, file => Assert.Empty(SacctRecordReader.Read(Encoding.UTF8.GetBytes(file), Samples.Mapping()).Problems));
    }
}
