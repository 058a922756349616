using System.Text;
using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Tests.Fidelity;

/// <summary>
/// PERSEUS's <c>value</c> is required (PERSEUS manual) and 0 is a valid total, so a report without it
/// must not read as <c>value: 0</c>: in every input format it is a problem naming the record and the field.
/// </summary>
public sealed class PerseusValueInputTests
{
    private const string Report = "\"project_oid\": \"5f2b1c3d4e5f60718293a4b5\", \"compute_project_id\": \"hpc-prj-1\", \"resource_id\": \"noctua2-cpu\", \"start\": \"2026-03-01T00:00:00Z\", \"end\": \"2026-03-02T00:00:00Z\"";

    [Fact]
    public void Json_lines_name_the_line_and_the_missing_or_null_value()
    {
        var lines = string.Join('\n',
            $$"""{{{Report}}, "value": 0}""",
            $$"""{{{Report}}}""",
            $$"""{{{Report}}, "value": null}""",
            $$"""{{{Report}}, "value": 1, "additional_metrics": [{"metric_id": "gpu-hours"}]}""");

        var result = JsonLinesRecordReader.Read(Encoding.UTF8.GetBytes(lines + "\n"), typeof(UsageSchema.Perseus.UsageReport));

        Assert.Equal(["line 1"], result.Records.Select(record => record.Location));
        Assert.Equal([("line 2", "value"), ("line 3", "value"), ("line 4", "additional_metrics[0].value")], result.Problems.Select(problem => (problem.Location, problem.Field)));
    }

    [Fact]
    public void Csv_names_the_row_whose_value_cell_is_empty()
    {
        var csv = "project_oid,compute_project_id,resource_id,start,end,value\n"
            + "5f2b1c3d4e5f60718293a4b5,hpc-prj-1,noctua2-cpu,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,\n"
            + "5f2b1c3d4e5f60718293a4b5,hpc-prj-1,noctua2-cpu,2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,0\n";

        var result = CsvRecordReader.Read(Encoding.UTF8.GetBytes(csv));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("line 2", "value", "is required"), (problem.Location, problem.Field, problem.Message));
        Assert.Equal(["line 3"], result.Records.Select(record => record.Location));
    }
}
