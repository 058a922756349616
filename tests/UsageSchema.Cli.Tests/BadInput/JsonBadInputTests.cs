using UsageSchema.Amie;
using UsageSchema.Cli.Input;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using static UsageSchema.Cli.Tests.BadInput.Samples;

namespace UsageSchema.Cli.Tests.BadInput;

/// <summary>One JSON document: bad records are named as <c>[i]</c> or <c>Records[i]</c> with their field; a syntax error names line and member.</summary>
public class JsonBadInputTests
{
    [Fact]
    public void Syntax_error_in_an_array_keeps_the_elements_before_and_after_it()
    {
        var json = $"[\n  {ComputeJson},\n  {PerseusJson},\n  {{\"Username\": \"jdoe\", \"Charge\": }},\n  {GatewayJson},\n  {AdjustmentJson}\n]\n";

        var result = JsonRecordReader.Read(Utf8(json));

        var problem = ReadAssert.OneProblem(result, "line 4", "[2].Charge");
        Assert.StartsWith("malformed JSON", problem.Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "[0]", "[1]", "line 5", "line 6");
    }

    [Fact]
    public void Unclosed_element_keeps_the_next_element_that_starts_its_own_line()
    {
        var json = $"[\n  {ComputeJson},\n  {{\"Username\": \"jdoe\",\n  {PerseusJson}\n]\n";

        var result = JsonRecordReader.Read(Utf8(json));

        Assert.Equal("line 4", Assert.Single(result.Problems).Location);
        ReadAssert.Records(result, "[0]", "line 4");
    }

    [Fact]
    public void Syntax_error_in_a_message_names_the_record_and_member()
    {
        var json = $"{{\"UsageType\": \"Compute\",\n \"Records\": [\n  {ComputeJson},\n  {{\"Charge\": \"1\" \"Username\": \"x\"}}\n]}}";

        var result = JsonRecordReader.Read(Utf8(json));

        ReadAssert.OneProblem(result, "line 4", "Records[1].Charge");
    }

    [Theory]
    [InlineData("""{"Attributes": {"NodeCount": "many"}}""", "Attributes.NodeCount")]
    [InlineData("""{"Username": ["a", "b"]}""", "Username")]
    [InlineData("""{"Charge": {"amount": 1}}""", "Charge")]
    public void Wrong_type_in_a_message_record_names_it_and_keeps_the_others(string bad, string field)
    {
        var json = $$"""{"UsageType": "Compute", "Records": [{{ComputeJson}}, {{bad}}, {{ComputeJson.Replace("\"1\"", "\"2\"", StringComparison.Ordinal)}}]}""";

        var result = JsonRecordReader.Read(Utf8(json));

        ReadAssert.OneProblem(result, "Records[1]", field);
        ReadAssert.Records(result, "Records[0]", "Records[2]");
    }

    [Fact]
    public void Duplicate_member_names_its_element_only()
    {
        var result = JsonRecordReader.Read(Utf8($$"""[{{ComputeJson}}, {"project_oid": "a", "project_oid": "b"}, {{GatewayJson}}]"""));

        Assert.Contains("appears twice", ReadAssert.OneProblem(result, "[1]", "project_oid").Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "[0]", "[2]");
    }

    [Fact]
    public void Ten_megabyte_field_names_its_record()
    {
        var huge = new string('é', 10 * 1024 * 1024);
        var json = $$$"""{"UsageType": "Compute", "Records": [{{{ComputeJson}}}, {"Username": "jdoe", "Attributes": {"JobName": "{{{huge}}}"}}]}""";

        var result = JsonRecordReader.Read(Utf8(json));

        Assert.Contains("the limit is 65536", ReadAssert.OneProblem(result, "Records[1]", "Attributes.JobName").Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "Records[0]");
    }

    [Fact]
    public void Invalid_utf8_names_its_line()
    {
        var result = JsonRecordReader.Read(WithBytes($"[\n{ComputeJson},\n{{\"Username\": \"@\"}}\n]", 0xFF));

        Assert.Contains("UTF-8", ReadAssert.OneProblem(result, "line 3", null).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\uFEFF  \r\n\t", "empty")]
    [InlineData("[]", "the array is empty")]
    public void Empty_document_is_one_problem_on_the_file(string content, string message) =>
        Assert.Contains(message, ReadAssert.OneProblem(JsonRecordReader.Read(Utf8(content)), "file", null).Message, StringComparison.Ordinal);

    [Fact]
    public void Mixed_usage_types_in_one_array_and_bom_and_crlf()
    {
        var json = $"\uFEFF[\r\n{ComputeJson},\r\n{{\"UsageType\": \"Storage\", \"Records\": [{StorageJson}]}},\r\n{AdjustmentJson},\r\n{PerseusJson},\r\n{GatewayJson}\r\n]\r\n";

        var result = JsonRecordReader.Read(Utf8(json));

        Assert.Empty(result.Problems);
        ReadAssert.Records(result, "[0]", "[1].Records[0]", "[2]", "[3]", "[4]");
        Assert.Equal(
            [typeof(ComputeUsageRecord), typeof(StorageUsageRecord), typeof(AdjustmentUsageRecord), typeof(UsageReport), typeof(JobAttributes)],
            result.Records.Select(record => record.Record.GetType()));
    }

    [Fact]
    public void Crlf_document_with_a_syntax_error_counts_lines_right()
    {
        var result = JsonRecordReader.Read(Utf8("{\r\n  \"Username\": \"jdoe\",\r\n  \"Charge\": \r\n}"));

        ReadAssert.OneProblem(result, "line 4", "Charge");
    }
}
