using System.Text;
using UsageSchema.Amie;
using UsageSchema.Cli.Input;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;

namespace UsageSchema.Cli.Tests;

public class InputReaderTests
{
    private const string ComputeJson = """{"Username": "jdoe", "LocalProjectID": "csd123", "LocalRecordID": "1", "Resource": "r.example.org", "SubmitTime": "2024-03-01T08:15:00-08:00", "StartTime": "2024-03-01T08:20:12-08:00", "EndTime": "2024-03-01T10:20:12-08:00", "Charge": "1.0", "Attributes": {"NodeCount": 1}}""";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Json_UsageMessage_GivesOneRecordPerElement()
    {
        var result = JsonRecordReader.Read(File.ReadAllBytes(CliProcess.Fixture("compute-message.json")));

        Assert.Empty(result.Problems);
        Assert.Equal(["Records[0]", "Records[1]"], result.Records.Select(record => record.Location));
        Assert.All(result.Records, record => Assert.IsType<ComputeUsageRecord>(record.Record));
    }

    [Fact]
    public void Json_Array_TellsKindsFromMembers_AndKeepsGoodRecordsNextToBadOnes()
    {
        var json = $$$"""[{{{ComputeJson}}}, {"project_oid": "x", "value": 1}, {"gatewayuser": "u", "jobid": "1"}, {"UsageType": "Storage", "Records": [{"Charge": 5}]}, {"Attributes": {"NodeCount": true}}]""";

        var result = JsonRecordReader.Read(Utf8(json));

        Assert.IsType<ComputeUsageRecord>(result.Records[0].Record);
        Assert.IsType<UsageReport>(result.Records[1].Record);
        Assert.IsType<JobAttributes>(result.Records[2].Record);
        Assert.Equal("[3].Records[0]", result.Records[3].Location);
        Assert.IsType<StorageUsageRecord>(result.Records[3].Record);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("[4]", problem.Location);
        Assert.Equal("Attributes.NodeCount", problem.Field);
    }

    [Fact]
    public void Json_Malformed_NamesTheLine()
    {
        var result = JsonRecordReader.Read(Utf8("{\n  \"Username\": \"jdoe\",\n  \"Charge\": \n}"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 4", problem.Location);
        Assert.StartsWith("malformed JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_UnknownUsageType_NamesTheField()
    {
        var result = JsonRecordReader.Read(Utf8("""{"UsageType": "Cloud", "Records": []}"""));

        Assert.Equal("UsageType", Assert.Single(result.Problems).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n")]
    public void EmptyFiles_AreReported(string content)
    {
        Assert.Contains("empty", Assert.Single(JsonRecordReader.Read(Utf8(content)).Problems).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Single(JsonLinesRecordReader.Read(Utf8(content)).Problems).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Single(CsvRecordReader.Read(Utf8(content)).Problems).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Single(SacctRecordReader.Read(Utf8(content), new SacctMapping { Resource = "r" }).Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLines_NamesEachBadLine_AndReadsTheOthers()
    {
        var result = JsonLinesRecordReader.Read(File.ReadAllBytes(CliProcess.Fixture("mixed.jsonl")));

        Assert.Equal(["line 1", "line 2", "line 5"], result.Records.Select(record => record.Location));
        Assert.Equal(["line 3", "line 4"], result.Problems.Select(problem => problem.Location));
        Assert.Equal("Attributes.NodeCount", result.Problems[1].Field);
        Assert.Equal("wrong type: expected a whole number", result.Problems[1].Message);

        var violations = RecordFileReader.Validate(result.Records);
        Assert.Contains(violations, violation => violation.Location == "line 2" && violation.Field == "SubmitTime");
        Assert.Contains(violations, violation => violation.Location == "line 2" && violation.Field == "Attributes.NodeCount");
    }

    [Fact]
    public void JsonLines_InvalidUtf8_NamesTheLine_AndKeepsTheRest()
    {
        var result = JsonLinesRecordReader.Read(File.ReadAllBytes(CliProcess.Fixture("bad-utf8.jsonl")));

        Assert.Single(result.Records);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 2", problem.Location);
        Assert.Contains("UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_InvalidUtf8_NamesTheLine()
    {
        var bytes = Utf8("{\n\"Username\": \"x\"\n}").ToList();
        bytes.InsertRange(15, new byte[] { 0xC3, 0x28 });

        var problem = Assert.Single(JsonRecordReader.Read([.. bytes]).Problems);

        Assert.Equal("line 2", problem.Location);
    }

    [Fact]
    public void Csv_MapsDottedColumnsAndQuotes_AndNamesLineAndField()
    {
        var result = CsvRecordReader.Read(File.ReadAllBytes(CliProcess.Fixture("records.csv")));

        var first = Assert.IsType<ComputeUsageRecord>(result.Records[0].Record);
        Assert.Equal("line 2", result.Records[0].Location);
        Assert.Equal(1, first.Attributes.NodeCount);
        Assert.Equal("md, run \"one\"", first.Attributes.JobName);
        Assert.Contains(result.Problems, problem => problem is { Location: "line 3", Field: "Attributes.NodeCount" });
        Assert.Contains(result.Problems, problem => problem.Location == "line 4" && problem.Message.Contains("expected 10 fields", StringComparison.Ordinal));
        var violations = RecordFileReader.Validate(result.Records);
        Assert.Contains(violations, violation => violation is { Location: "line 5", Field: "Username" });
    }

    [Fact]
    public void Csv_QuotedCellSpanningLines_KeepsTheStartingLine()
    {
        var csv = "gatewayuser,xsederesourcename,jobid,submittime,software\nu,expanse.sdsc.xsede.org,1,2024-03-01 08:15:00 -08:00,\"two\nlines\"\nv,expanse.sdsc.xsede.org,2,2024-03-01 08:15:00 -08:00,x\n";

        var result = CsvRecordReader.Read(Utf8(csv));

        Assert.Empty(result.Problems);
        Assert.Equal(["line 2", "line 4"], result.Records.Select(record => record.Location));
        Assert.Equal("two\nlines", Assert.IsType<JobAttributes>(result.Records[0].Record).Software);
    }

    [Fact]
    public void Sacct_MapsJobs_SkipsSteps_AndRunningJobs()
    {
        var mapping = new SacctMapping { Resource = "expanse.sdsc.access-ci.org", TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles") };

        var result = SacctRecordReader.Read(File.ReadAllBytes(CliProcess.Fixture("jobs.sacct")), mapping);

        Assert.Equal(["line 2", "line 5"], result.Records.Select(record => record.Location));
        var job = Assert.IsType<ComputeUsageRecord>(result.Records[0].Record);
        Assert.Equal("4937919", job.LocalRecordId);
        Assert.Equal("jdoe", job.Username);
        Assert.Equal("csd123", job.LocalProjectId);
        Assert.Equal("2024-03-01T08:15:00-08:00", job.SubmitTime);
        Assert.Equal("256.000000", job.Charge);
        Assert.Equal(128, job.Attributes.CpuCoreCount);
        Assert.Equal("compute", job.Attributes.Queue);
        Assert.Equal("gromacs", job.Attributes.JobName);
        Assert.Empty(result.Problems);
        Assert.Equal([("line 3", "4937919.batch", true), ("line 4", "4937920", false)], result.Skipped.Select(row => (row.Location, row.JobId, row.Step)));
        Assert.StartsWith("RUNNING", result.Skipped[1].Reason, StringComparison.Ordinal);
        Assert.Empty(RecordFileReader.Validate(result.Records));
    }

    [Fact]
    public void Sacct_ChargeFormulaAndColumnsAreOverridable()
    {
        var mapping = new SacctMapping { Resource = "r.example.org", Charge = ChargeFormula.NodeHours, ChargeFactor = 10m, TimeZone = TimeZoneInfo.Utc };
        mapping.Override(["LocalProjectID=User", "Attributes.JobName="]);

        var result = SacctRecordReader.Read(File.ReadAllBytes(CliProcess.Fixture("jobs.sacct")), mapping);

        var job = Assert.IsType<ComputeUsageRecord>(result.Records[1].Record);
        Assert.Equal("10.000000", job.Charge); // 2 nodes x 0.5 h x 10
        Assert.Equal("asmith", job.LocalProjectId);
        Assert.Null(job.Attributes.JobName);
        Assert.Equal("2024-03-01T09:30:00+00:00", job.StartTime);
        Assert.Throws<ArgumentException>(() => mapping.Override(["Nonsense=X"]));
    }

    [Fact]
    public void Sacct_MissingColumn_IsNamed()
    {
        var result = SacctRecordReader.Read(Utf8("JobID|User\n1|jdoe\n"), new SacctMapping { Resource = "r" });

        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 1", problem.Location);
        Assert.Contains("Account (for LocalProjectID)", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.jsonl", InputFormat.JsonLines)]
    [InlineData("a.csv", InputFormat.Csv)]
    [InlineData("a.sacct", InputFormat.Sacct)]
    [InlineData("a.json", InputFormat.Json)]
    public void FormatOf_UsesTheExtension(string name, InputFormat format) => Assert.Equal(format, RecordFileReader.FormatOf(name));

    [Theory]
    [InlineData("[{\"Username\": \"u\"}]", InputFormat.Json)]
    [InlineData("\uFEFF\n  {\"UsageType\": \"Compute\",\n \"Records\": []}\n", InputFormat.Json)]
    [InlineData("{\"Username\": \"u\"}\n{\"Username\": \"v\"}\n", InputFormat.JsonLines)]
    [InlineData("Username,LocalProjectID\nu,p\n", InputFormat.Csv)]
    [InlineData("4103940|4103940|expanse|compute\n", InputFormat.Sacct)]
    [InlineData("JobID|User\n1|u\n", InputFormat.Sacct)]
    [InlineData("just words\n", null)]
    [InlineData("  \n", null)]
    public void Sniff_TellsTheFormatOfStandardInput(string content, InputFormat? format) => Assert.Equal(format, InputSniffer.Sniff(Utf8(content)));
}
