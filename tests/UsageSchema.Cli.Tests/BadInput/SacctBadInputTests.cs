using UsageSchema.Amie;
using UsageSchema.Cli.Input;
using static UsageSchema.Cli.Tests.BadInput.Samples;

namespace UsageSchema.Cli.Tests.BadInput;

/// <summary>Slurm sacct: each bad job row is named with its line and wire field, and the other jobs are read.</summary>
public class SacctBadInputTests
{
    private static InputReadResult ReadBetweenGoodRows(string bad, SacctMapping? mapping = null) =>
        SacctRecordReader.Read(Utf8($"{SacctHeader}\n{SacctRow(1)}\n{bad}\n{SacctRow(3)}\n"), mapping ?? Mapping());

    [Theory]
    [InlineData("2|jdoe|csd123|compute|2024-03-01T08:15:00|2024-03-01T08:20:00", "EndTime", "missing")]
    [InlineData("2|jdoe|csd123|compute|2024-03-01T08:15:00|2024-03-01T08:20:00|2024-03-01T10:20:00|1|128|a|b|COMPLETED", null, "have no header")]
    [InlineData("2|jdoe|csd123|compute|2024-03-01T08:15:00|2024-03-01T08:20:00|2024-03-01T10:20:00|x|128|md|COMPLETED", "Attributes.NodeCount", "not a whole number")]
    [InlineData("2|jdoe|csd123|compute|2024-03-01T08:15:00|2024-03-01T08:20:00|2024-03-01T10:20:00|1|99999999999|md|COMPLETED", "Attributes.CpuCoreCount", "not a whole number")]
    [InlineData("2|jdoe|csd123|compute|yesterday|2024-03-01T08:20:00|2024-03-01T10:20:00|1|128|md|COMPLETED", "SubmitTime", "not a sacct time")]
    [InlineData("2|jdoe|csd123|compute|2024-03-01T08:15:00|2024-03-01T08:20:00|Unknown|1|128|md|COMPLETED", "EndTime", "has no time")]
    [InlineData("2|jdoe|csd123|compute|2024-03-01T08:15:00||2024-03-01T10:20:00|1|128|md|COMPLETED", "StartTime", "has no time")]
    [InlineData("2|jdoe|csd123|compute|2024-03-01T08:15:00|2024-03-01T08:20:00|2024-03-01T10:20:00|1|128|md|DONE", "State", "not a Slurm job state")]
    [InlineData("2|jdoe|csd123|compute|2024-03-01T08:15:00|2024-03-01T08:20:00|2024-03-01T10:20:00|1|128|md|", "State", "not a Slurm job state")]
    public void Bad_row_names_line_and_field(string bad, string? field, string message)
    {
        var result = ReadBetweenGoodRows(bad);

        Assert.Contains(message, result.Problems[0].Message, StringComparison.Ordinal);
        Assert.All(result.Problems, problem => Assert.Equal("line 3", problem.Location));
        Assert.Equal(field, result.Problems[0].Field);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Invalid_utf8_names_line_and_field()
    {
        var result = SacctRecordReader.Read(WithBytes($"{SacctHeader}\n{SacctRow(1)}\n{SacctRow(2, user: "j@")}\n{SacctRow(3)}\n", 0xC0, 0xAF), Mapping());

        Assert.Contains("UTF-8", ReadAssert.OneProblem(result, "line 3", "Username").Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Header_that_is_not_utf8_is_named_and_not_taken_for_data()
    {
        var result = SacctRecordReader.Read(WithBytes($"Job@ID|User\n{SacctRow(1)}\n", 0xFF), Mapping());

        Assert.Contains("header line is not valid UTF-8", ReadAssert.OneProblem(result, "line 1", null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_megabyte_cell_is_named_without_being_echoed()
    {
        var result = ReadBetweenGoodRows(SacctRow(2, jobName: new string('j', 10 * 1024 * 1024)));

        Assert.Contains("10485760 characters long", ReadAssert.OneProblem(result, "line 3", "Attributes.JobName").Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Long_bad_number_is_quoted_short()
    {
        var result = ReadBetweenGoodRows(SacctRow(2).Replace("|1|128|", $"|{new string('9', 50_000)}|128|", StringComparison.Ordinal));

        Assert.Contains("(50000 characters)", ReadAssert.OneProblem(result, "line 3", "Attributes.NodeCount").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "file", "empty")]
    [InlineData(" \n\n\t", "file", "empty")]
    public void Empty_files_are_named(string content, string location, string message) =>
        Assert.Contains(message, ReadAssert.OneProblem(SacctRecordReader.Read(Utf8(content), Mapping()), location, null).Message, StringComparison.Ordinal);

    [Fact]
    public void Header_without_rows_is_a_quiet_window_not_a_problem()
    {
        // sacct prints its header alone when no job ended in its window: every quiet hour of a cron job.
        var result = SacctRecordReader.Read(Utf8(SacctHeader + "\n"), Mapping());

        Assert.Empty(result.Problems);
        Assert.Empty(result.Records);
        Assert.Contains(result.Notes, note => note.Contains("no job rows", StringComparison.Ordinal));
    }

    [Fact]
    public void Byte_order_mark_crlf_and_unknown_columns_are_read()
    {
        var result = SacctRecordReader.Read(Utf8($"\uFEFF{SacctHeader}|Extra\r\n{SacctRow(1)}|x\r\n\r\n{SacctRow(2)}|y\r\n"), Mapping());

        Assert.Empty(result.Problems);
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Duplicate_mapped_column_reads_rows_that_agree_and_names_rows_that_differ()
    {
        var result = SacctRecordReader.Read(Utf8($"{SacctHeader}|User\n{SacctRow(1)}|jdoe\n{SacctRow(2)}|asmith\n{SacctRow(3)}|jdoe\n"), Mapping());

        Assert.Equal([("line 1", "Username"), ("line 3", "Username")], result.Problems.Select(problem => (problem.Location, problem.Field)));
        ReadAssert.Records(result, "line 2", "line 4");
    }

    [Fact]
    public void Regression_year_one_east_of_utc_is_a_problem_not_a_crash()
    {
        var mapping = Mapping();
        mapping.TimeZone = TimeZoneInfo.CreateCustomTimeZone("UTC+05", TimeSpan.FromHours(5), "UTC+05", "UTC+05");

        var result = ReadBetweenGoodRows("2|jdoe|csd123|compute|0001-01-01T00:00:00|2024-03-01T08:20:00|2024-03-01T10:20:00|1|128|md|COMPLETED", mapping);

        Assert.Contains("outside the range of dates", ReadAssert.OneProblem(result, "line 3", "SubmitTime").Message, StringComparison.Ordinal);
        Assert.Equal(["line 2", "line 4"], result.Records.Select(record => record.Location));
    }

    [Fact]
    public void Regression_charge_overflow_is_a_problem_not_a_crash()
    {
        var mapping = Mapping();
        mapping.ChargeFactor = decimal.MaxValue;

        var result = SacctRecordReader.Read(Utf8($"{SacctHeader}\n{SacctRow(1)}\n"), mapping);

        ReadAssert.OneProblem(result, "line 2", "Charge");
    }

    [Fact]
    public void Job_rows_become_compute_records()
    {
        Assert.All(ReadBetweenGoodRows(SacctRow(2)).Records, record => Assert.IsType<ComputeUsageRecord>(record.Record));
    }
}
