using UsageSchema.Amie;
using UsageSchema.Cli.Input;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using static UsageSchema.Cli.Tests.BadInput.Samples;

namespace UsageSchema.Cli.Tests.BadInput;

/// <summary>CSV: each bad row is named with its line and column, and the good rows around it are read.</summary>
public class CsvBadInputTests
{
    private static InputReadResult ReadBetweenGoodRows(string bad) => CsvRecordReader.Read(Utf8($"{CsvHeader}\n{CsvRow(1)}\n{bad}\n{CsvRow(3)}\n"));

    [Fact]
    public void Short_row_names_the_first_missing_column()
    {
        var result = ReadBetweenGoodRows("jdoe,csd123,2,expanse.sdsc.access-ci.org");

        Assert.Contains("expected 10 fields as in the header, got 4", ReadAssert.OneProblem(result, "line 3", "SubmitTime").Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Long_row_is_named()
    {
        var result = ReadBetweenGoodRows(CsvRow(2) + ",extra");

        Assert.Contains("after column 10 have no header", ReadAssert.OneProblem(result, "line 3", null).Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Theory]
    [InlineData("x", "Attributes.NodeCount")]
    [InlineData("99999999999", "Attributes.NodeCount")]
    [InlineData("NaN", "Attributes.NodeCount")]
    public void Wrong_type_names_line_and_column(string nodeCount, string field)
    {
        var result = ReadBetweenGoodRows(CsvRow(2).Replace(",1,run", $",{nodeCount},run", StringComparison.Ordinal));

        ReadAssert.OneProblem(result, "line 3", field);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Missing_required_cell_is_a_spec_violation_on_its_line()
    {
        var result = ReadBetweenGoodRows("," + CsvRow(2)[5..]);

        Assert.Empty(result.Problems);
        var violation = Assert.Single(RecordFileReader.Validate(result.Records));
        Assert.Equal(("line 3", "Username"), (violation.Location, violation.Field));
    }

    [Fact]
    public void Unclosed_quote_is_named_and_the_rows_after_it_are_still_read()
    {
        var result = ReadBetweenGoodRows(CsvRow(2, "\"never closed"));

        Assert.Contains("not closed", ReadAssert.OneProblem(result, "line 3", null).Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Quote_inside_an_unquoted_cell_is_a_character()
    {
        var result = ReadBetweenGoodRows(CsvRow(2, "5\" disk"));

        Assert.Empty(result.Problems);
        ReadAssert.Records(result, "line 2", "line 3", "line 4");
        Assert.Equal("5\" disk", Assert.IsType<ComputeUsageRecord>(result.Records[1].Record).Attributes.JobName);
    }

    [Fact]
    public void Duplicate_header_column_reads_rows_that_agree_and_names_rows_that_differ()
    {
        var csv = $"{CsvHeader},Username\n{CsvRow(1)},jdoe\n{CsvRow(2)},asmith\n{CsvRow(3)},\n";

        var result = CsvRecordReader.Read(Utf8(csv));

        Assert.Contains(result.Problems, problem => problem is { Location: "line 1", Field: "Username" } && problem.Message.Contains("columns 1, 11", StringComparison.Ordinal));
        Assert.Contains(result.Problems, problem => problem is { Location: "line 3", Field: "Username" } && problem.Message.Contains("\"jdoe\" vs \"asmith\"", StringComparison.Ordinal));
        Assert.Equal(2, result.Problems.Count);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Unknown_column_is_named_on_the_header_and_ignored()
    {
        var csv = $"{CsvHeader},Notes,username\n{CsvRow(1)},hello,x\n{CsvRow(2)},,\n";

        var result = CsvRecordReader.Read(Utf8(csv));

        Assert.Equal([("line 1", "Notes"), ("line 1", "username")], result.Problems.Select(problem => (problem.Location, problem.Field)));
        Assert.Contains("did you mean Username?", result.Problems[1].Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 2", "line 3");
        Assert.Empty(Assert.IsType<ComputeUsageRecord>(result.Records[0].Record).AdditionalProperties);
    }

    [Fact]
    public void Regression_stray_quote_in_the_header_gives_a_short_field_name()
    {
        // Found by ReaderFuzzTests.Csv_mutated: a quote makes the rest of the header one column name, which was used whole as the field.
        var result = CsvRecordReader.Read(Utf8($"Username,\"{CsvHeader[9..]}\"\njdoe,x\n"));

        var unknown = Assert.Single(result.Problems);
        Assert.Equal("line 1", unknown.Location);
        Assert.Equal(InputLimits.MaxQuotedChars + 1, unknown.Field!.Length);
        Assert.Equal("line 2", Assert.Single(result.Records).Location);
    }

    [Fact]
    public void Invalid_utf8_names_line_and_column()
    {
        var result = CsvRecordReader.Read(WithBytes($"{CsvHeader}\n{CsvRow(1)}\n{CsvRow(2, "r@n")}\n{CsvRow(3)}\n", 0xE2, 0x28, 0xA1));

        Assert.Contains("UTF-8", ReadAssert.OneProblem(result, "line 3", "Attributes.JobName").Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Ten_megabyte_cell_is_named_without_being_echoed()
    {
        var result = ReadBetweenGoodRows(CsvRow(2, new string('x', 10 * 1024 * 1024)));

        Assert.Contains("10485760 characters long", ReadAssert.OneProblem(result, "line 3", "Attributes.JobName").Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Long_valid_line_and_multiline_cell_are_read()
    {
        var result = ReadBetweenGoodRows(CsvRow(2, "\"" + new string('y', 60_000) + "\r\nsecond line\""));

        Assert.Empty(result.Problems);
        ReadAssert.Records(result, "line 2", "line 3", "line 5");
    }

    [Theory]
    [InlineData("", "file", "empty")]
    [InlineData("  \n\t\n", "file", "empty")]
    [InlineData(CsvHeader + "\n", "file", "header but no records")]
    [InlineData(CsvHeader + "\r\n  \r\n", "file", "header but no records")]
    [InlineData(",,,\n" + "1,2,3,4\n", "line 1", "the header row is empty")]
    public void Empty_files_are_named(string content, string location, string message) =>
        Assert.Contains(message, ReadAssert.OneProblem(CsvRecordReader.Read(Utf8(content)), location, null).Message, StringComparison.Ordinal);

    [Fact]
    public void Mixed_usage_types_in_one_file()
    {
        var csv = string.Join('\n',
            "UsageType,Username,LocalProjectID,LocalRecordID,Resource,SubmitTime,StartTime,EndTime,CollectionTime,AdjustmentType,Charge,Attributes.NodeCount,Attributes.BytesStored,project_oid,compute_project_id,resource_id,start,end,value,gatewayuser,xsederesourcename,jobid,submittime",
            "Compute,jdoe,csd123,1,expanse.sdsc.access-ci.org,2024-03-01T08:15:00-08:00,2024-03-01T08:20:12-08:00,2024-03-01T10:20:12-08:00,,,1.0,1,,,,,,,,,,,",
            "Storage,jdoe,csd123,s1,expanse.sdsc.access-ci.org,,,,2024-03-01T00:00:00Z,,2.5,,1024,,,,,,,,,,",
            ",jdoe,csd123,a1,expanse.sdsc.access-ci.org,,2024-03-01T00:00:00Z,,,storage-credit,-3,,,,,,,,,,,,",
            ",,,,,,,,,,,,,65e1f0c2a9b34d0012c4e7a1,hpc-prf-demo,noctua2-cpu,2024-03-01T00:00:00+01:00,2024-03-02T00:00:00+01:00,12.5,,,,",
            ",,,,,,,,,,,,,,,,,,,alice@gateway.org,expanse.sdsc.access-ci.org,12345,2019-05-31 14:32:00 -07:00",
            "Cloud,jdoe,csd123,c1,,,,,,,,,,,,,,,,,,,");

        var result = CsvRecordReader.Read(Utf8(csv));

        ReadAssert.OneProblem(result, "line 7", "UsageType");
        ReadAssert.Records(result, "line 2", "line 3", "line 4", "line 5", "line 6");
        Assert.Equal(
            [typeof(ComputeUsageRecord), typeof(StorageUsageRecord), typeof(AdjustmentUsageRecord), typeof(UsageReport), typeof(JobAttributes)],
            result.Records.Select(record => record.Record.GetType()));
    }

    [Fact]
    public void Byte_order_mark_crlf_and_blank_lines_are_read()
    {
        var result = CsvRecordReader.Read(Utf8($"\uFEFF{CsvHeader}\r\n{CsvRow(1)}\r\n\r\n   \r\n{CsvRow(2, "x")}\r\n"));

        Assert.Empty(result.Problems);
        ReadAssert.Records(result, "line 2", "line 5");
    }
}
