using UsageSchema.Amie;
using UsageSchema.Cli.Input;
using static UsageSchema.Cli.Tests.BadInput.Samples;

namespace UsageSchema.Cli.Tests.Sacct;

/// <summary>Open XDMoD's sacct dumps, headerless or not, through the reader: which rows become records, which are skipped and why.</summary>
public class SacctFormatTests
{
    [Theory]
    [InlineData("xdmod.sacct", "xdmod")]
    [InlineData("xdmod-noqos.sacct", "xdmod-noqos")]
    [InlineData("xdmod-reqgres.sacct", "xdmod-reqgres")]
    [InlineData("xdmod-header.sacct", null)]
    [InlineData("xdmod-header.sacct", "XDMOD")]
    public void Each_xdmod_list_reads_the_ended_jobs_and_skips_the_rest(string file, string? columns)
    {
        var result = SacctRecordReader.Read(SacctFixtures.Bytes(file), SacctFixtures.Mapping(columns));
        var offset = file.Contains("header", StringComparison.Ordinal) ? 1 : 0;

        Assert.Empty(result.Problems);
        Assert.Empty(result.Notes);
        Assert.Equal(SacctFixtures.Records.Select(job => ($"line {job.Row + offset}", job.Id, job.Charge)),
            result.Records.Select(record => (record.Location, Compute(record).LocalRecordId, Compute(record).Charge)));
        Assert.Equal(SacctFixtures.Skipped.Select(job => ($"line {job.Row + offset}", job.Id)), result.Skipped.Select(row => (row.Location, row.JobId)));
        Assert.All(SacctFixtures.Skipped.Zip(result.Skipped), pair => Assert.StartsWith(pair.First.Reason, pair.Second.Reason, StringComparison.Ordinal));
        Assert.Empty(RecordFileReader.Validate(result.Records));
    }

    [Fact]
    public void Xdmod_columns_map_as_the_defaults_say()
    {
        var result = SacctRecordReader.Read(SacctFixtures.Bytes("xdmod.sacct"), SacctFixtures.Mapping("xdmod"));

        var job = Compute(result.Records[0]);
        Assert.Equal(("jdoe", "csd123", SacctFixtures.Resource), (job.Username, job.LocalProjectId, job.Resource));
        Assert.Equal(("2024-03-01T08:15:00+00:00", "2024-03-01T08:20:00+00:00", "2024-03-01T10:20:00+00:00"), (job.SubmitTime, job.StartTime, job.EndTime));
        Assert.Equal((1, 128, "compute", "gromacs"), (job.Attributes.NodeCount, job.Attributes.CpuCoreCount, job.Attributes.Queue, job.Attributes.JobName));
        var het = Compute(result.Records[6]);
        Assert.Equal((2, 256), (het.Attributes.NodeCount, het.Attributes.CpuCoreCount)); // NNodes and NCPUS
    }

    [Fact]
    public void Array_tasks_and_het_components_keep_unique_record_ids()
    {
        var ids = SacctRecordReader.Read(SacctFixtures.Bytes("xdmod.sacct"), SacctFixtures.Mapping("xdmod")).Records.Select(record => Compute(record).LocalRecordId).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("4103947_1", ids);
        Assert.Contains("4103960+1", ids);
    }

    [Fact]
    public void Utf8_job_names_and_a_pipe_inside_the_last_column_are_kept()
    {
        var result = SacctRecordReader.Read(SacctFixtures.Bytes("xdmod.sacct"), SacctFixtures.Mapping("xdmod"));

        Assert.Equal("模拟-αβ", Compute(result.Records[2]).Attributes.JobName);
        Assert.Equal("big|mem step", Compute(result.Records[3]).Attributes.JobName); // parsable2 does not escape '|'
        Assert.Null(Compute(result.Records[9]).Attributes.JobName); // an empty cell leaves the attribute unset
    }

    [Fact]
    public void Pipe_in_a_job_name_that_is_not_the_last_column_names_the_line()
    {
        const string Header = "JobID|JobName|User|Account|Submit|Start|End|State|NNodes|NCPUS";
        var result = SacctRecordReader.Read(Utf8($"{Header}\n1|md|jdoe|p|2024-03-01T08:00:00|2024-03-01T08:00:00|2024-03-01T09:00:00|COMPLETED|1|4\n2|a|b|jdoe|p|2024-03-01T08:00:00|2024-03-01T08:00:00|2024-03-01T09:00:00|COMPLETED|1|4\n"), Mapping());

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("line 3", null), (problem.Location, problem.Field));
        Assert.Contains("expected 10 '|'-separated fields", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["line 2"], result.Records.Select(record => record.Location));
    }

    [Fact]
    public void Steps_are_skipped_and_counted_as_steps_unless_included()
    {
        var mapping = SacctFixtures.Mapping();
        var result = SacctRecordReader.Read(SacctFixtures.Bytes("steps.sacct"), mapping);

        Assert.Empty(result.Problems);
        Assert.Equal(["5000001", "5000002_7", "5000003+1"], result.Records.Select(record => Compute(record).LocalRecordId));
        Assert.Equal(["5000001.batch", "5000001.extern", "5000001.0", "5000002_7.batch", "5000003+1.0"], result.Skipped.Select(row => row.JobId));
        Assert.All(result.Skipped, row => Assert.True(row.Step));
        Assert.Equal("256.000000", Compute(result.Records[0]).Charge); // the job once, not the job and its steps

        mapping.SkipSteps = false;
        Assert.Equal(8, SacctRecordReader.Read(SacctFixtures.Bytes("steps.sacct"), mapping).Records.Count);
    }

    [Fact]
    public void Headerless_file_without_columns_is_named_with_the_fix()
    {
        var result = SacctRecordReader.Read(SacctFixtures.Bytes("xdmod.sacct"), SacctFixtures.Mapping());

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("line 1", null), (problem.Location, problem.Field));
        Assert.Contains("no header", problem.Message, StringComparison.Ordinal);
        Assert.Contains("--sacct-columns xdmod", problem.Message, StringComparison.Ordinal);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void Header_that_differs_from_the_given_columns_is_named()
    {
        var result = SacctRecordReader.Read(SacctFixtures.Bytes("xdmod-header.sacct"), SacctFixtures.Mapping("xdmod-noqos"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 1", problem.Location);
        Assert.Contains("not the --sacct-columns list", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_list_for_the_file_names_each_line()
    {
        // A current dump read as the oldest list: one column fewer in the list than in the rows.
        var result = SacctRecordReader.Read(SacctFixtures.Bytes("xdmod.sacct"), SacctFixtures.Mapping("xdmod-reqgres"));

        Assert.Empty(result.Records);
        Assert.Equal(18, result.Problems.Count + result.Skipped.Count);
        Assert.All(result.Problems, problem => Assert.Matches(@"^line \d+$", problem.Location));
    }

    [Fact]
    public void Explicit_column_list_is_case_insensitive_and_alloc_columns_are_preferred()
    {
        var mapping = SacctFixtures.Mapping("JOBID,user,Account,partition,SUBMIT,start,end,State,NNodes,NCPUS,AllocNodes,AllocCPUS,jobname");
        var result = SacctRecordReader.Read(Utf8("7|jdoe|p|compute|2024-03-01T08:00:00|2024-03-01T08:00:00|2024-03-01T10:00:00|COMPLETED|4|16|2|8|md\n"), mapping);

        Assert.Empty(result.Problems);
        var job = Compute(Assert.Single(result.Records));
        Assert.Equal((2, 8, "16.000000"), (job.Attributes.NodeCount, job.Attributes.CpuCoreCount, job.Charge));
    }

    [Theory]
    [InlineData("1-02:03:04", "104.204444")]
    [InlineData("02:03:04", "8.204444")]
    [InlineData("03:04", "0.204444")]
    [InlineData("03:04.5", "0.205000")]
    [InlineData("1-03:04", "96.204444")]
    public void Elapsed_forms_set_the_charge(string elapsed, string charge)
    {
        // 4 CPUs; the charge's hours come from Elapsed (which leaves out suspended time), not from End - Start.
        var result = SacctRecordReader.Read(Utf8($"JobID|User|Account|Submit|Start|End|Elapsed|State|NNodes|NCPUS\n9|jdoe|p|2024-03-01T08:00:00|2024-03-01T08:00:00|2024-03-09T08:00:00|{elapsed}|COMPLETED|1|4\n"), Mapping());

        Assert.Empty(result.Problems);
        Assert.Equal(charge, Compute(Assert.Single(result.Records)).Charge);
    }

    [Theory]
    [InlineData("-03:04")]
    [InlineData("1-24:00:00")]
    [InlineData("00:61:00")]
    [InlineData("1:2:3:4")]
    [InlineData("soon")]
    [InlineData("")]
    public void Bad_elapsed_names_line_and_column(string elapsed)
    {
        var result = SacctRecordReader.Read(Utf8($"JobID|User|Account|Submit|Start|End|Elapsed|State|NNodes|NCPUS\n9|jdoe|p|2024-03-01T08:00:00|2024-03-01T08:00:00|2024-03-01T09:00:00|{elapsed}|COMPLETED|1|4\n"), Mapping());

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("line 2", "Elapsed"), (problem.Location, problem.Field));
        Assert.Empty(result.Records);
    }

    [Theory]
    [InlineData("CANCELLED by 12345", "CANCELLED")]
    [InlineData("completed", "COMPLETED")]
    [InlineData("CANCELLED+", "CANCELLED")]
    [InlineData(" OUT_OF_MEMORY ", "OUT_OF_MEMORY")]
    public void State_names_are_read_as_sacct_writes_them(string cell, string name) => Assert.Equal(name, SacctJobStates.NameOf(cell));

    [Fact]
    public void States_option_chooses_the_states_that_are_records()
    {
        var mapping = SacctFixtures.Mapping("xdmod");
        mapping.States = SacctJobStates.Parse("completed, cancelled");

        var result = SacctRecordReader.Read(SacctFixtures.Bytes("xdmod.sacct"), mapping);

        Assert.Equal(["4103940", "4103944", "4103947_1", "4103960+0", "4103960+1", "4103970"], result.Records.Select(record => Compute(record).LocalRecordId));
        Assert.Contains(result.Skipped, row => row.JobId == "4103945" && row.Reason == "TIMEOUT is not one of --states");
        Assert.Contains(result.Skipped, row => row.JobId == "4103943" && row.Reason.StartsWith("CANCELLED before it started", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => SacctJobStates.Parse("COMPLETED,FINISHED"));
    }

    [Fact]
    public void Without_a_state_column_rows_are_read_as_before_and_a_note_says_so_once()
    {
        const string Header = "JobID|User|Account|Submit|Start|End|NNodes|NCPUS";
        var result = SacctRecordReader.Read(Utf8($"{Header}\n1|jdoe|p|2024-03-01T08:00:00|2024-03-01T08:00:00|2024-03-01T09:00:00|1|4\n2|jdoe|p|2024-03-01T08:00:00|2024-03-01T08:00:00|Unknown|1|4\n3|jdoe|p|2024-03-01T08:00:00|2024-03-01T08:00:00|2024-03-01T09:00:00|1|4\n"), Mapping());

        Assert.Contains("no State column", Assert.Single(result.Notes), StringComparison.Ordinal);
        Assert.Equal(("line 3", "EndTime"), (Assert.Single(result.Problems).Location, result.Problems[0].Field));
        Assert.Equal(["line 2", "line 4"], result.Records.Select(record => record.Location));
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Times_take_the_offset_of_the_given_zone()
    {
        var mapping = SacctFixtures.Mapping("xdmod");
        mapping.TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

        var job = Compute(SacctRecordReader.Read(SacctFixtures.Bytes("xdmod.sacct"), mapping).Records[0]);

        Assert.Equal("2024-03-01T08:15:00-08:00", job.SubmitTime);
    }

    [Fact]
    public void All_skipped_is_no_problem()
    {
        var result = SacctRecordReader.Read(Utf8("JobID|User|Account|Submit|Start|End|State|NNodes|NCPUS\n1|jdoe|p|2024-03-01T08:00:00|Unknown|Unknown|PENDING|1|4\n"), Mapping());

        Assert.Empty(result.Problems);
        Assert.Empty(result.Records);
        Assert.Equal("line 2", Assert.Single(result.Skipped).Location);
    }

    [Fact]
    public void Bad_rows_in_a_headerless_dump_name_line_and_field_and_the_others_are_read()
    {
        var rows = File.ReadAllLines(SacctFixtures.Path("xdmod.sacct")).ToList();
        var cells = rows[0].Split('|');
        cells[18] = "many"; // ncpus
        rows.Insert(1, string.Join('|', cells));
        cells[18] = "128";
        cells[16] = "DONE"; // state
        rows.Insert(2, string.Join('|', cells));
        rows.Insert(3, string.Join('|', cells[..12])); // cut short after eligible

        var result = SacctRecordReader.Read(Utf8(string.Join('\n', rows) + "\n"), SacctFixtures.Mapping("xdmod"));

        Assert.Equal([("line 2", "Attributes.CpuCoreCount"), ("line 3", "State"), ("line 4", "StartTime")], result.Problems.Select(problem => (problem.Location, problem.Field)));
        Assert.Contains("expected 26 '|'-separated fields as in --sacct-columns, got 12", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.Equal((10, 8), (result.Records.Count, result.Skipped.Count));
    }

    [Fact]
    public void Unknown_list_name_is_refused() =>
        Assert.Contains("xdmod-noqos", Assert.Throws<ArgumentException>(() => SacctColumnLists.Parse("xdmod-9")).Message, StringComparison.Ordinal);

    private static ComputeUsageRecord Compute(InputRecord record) => Assert.IsType<ComputeUsageRecord>(record.Record);
}
