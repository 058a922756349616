using UsageSchema.Amie;
using UsageSchema.Cli.Input;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using static UsageSchema.Cli.Tests.BadInput.Samples;

namespace UsageSchema.Cli.Tests.BadInput;

/// <summary>JSON Lines: each bad line is named with its field, and the good lines around it are read.</summary>
public class JsonLinesBadInputTests
{
    private static InputReadResult ReadBetweenGoodLines(string bad) => JsonLinesRecordReader.Read(Utf8($"{ComputeJson}\n{bad}\n{PerseusJson}\n"));

    [Theory]
    [InlineData("""{"Username": "jdoe", "Charge": }""", "Charge")]
    [InlineData("""{"Username": "jdoe", "Charge": "1.0",}""", "Charge")]
    [InlineData("""{"Username": "jdoe", "Attributes": {"NodeCount": 1""", "Attributes.NodeCount")]
    [InlineData("""{"Username": "jdoe' }""", "Username")]
    [InlineData("{\"Username\": \"a\u0000b\"}", "Username")]
    [InlineData("""{"Username": "a", "Username": "b"}""", "Username")]
    [InlineData("""{"Attributes": {"NodeCount": 1, "NodeCount": 2}}""", "Attributes.NodeCount")]
    [InlineData("""{"UsageType": "Compute", "Records": [{"Charge": 1, "Charge": 2}]}""", "Records[0].Charge")]
    [InlineData("""{"Username": "jdoe", "\uD800": 1}""", "Username")] // Regression (ReaderFuzzTests): a member name that is not UTF-16 threw.
    public void Malformed_line_names_line_and_member(string bad, string field)
    {
        var result = ReadBetweenGoodLines(bad);

        Assert.StartsWith("malformed JSON", ReadAssert.OneProblem(result, "line 2", field).Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 1", "line 3");
    }

    [Theory]
    [InlineData("""{"Attributes": {"NodeCount": "many"}}""", "Attributes.NodeCount", "expected a whole number")]
    [InlineData("""{"Attributes": {"NodeCount": 99999999999}}""", "Attributes.NodeCount", "expected a whole number")]
    [InlineData("""{"Attributes": {"NodeCount": 1.5}}""", "Attributes.NodeCount", "expected a whole number")]
    [InlineData("""{"Username": {"first": "j"}}""", "Username", "found StartObject")]
    [InlineData("""{"LocalRecordID": ["1", "2"]}""", "LocalRecordID", "more than one value")]
    [InlineData("""{"Charge": true}""", "Charge", "found True")]
    [InlineData("""{"Attributes": "big"}""", "Attributes", "expected ComputeAttributes")]
    [InlineData("""{"project_oid": "x", "value": "NaN"}""", "value", "finite")]
    [InlineData("""{"project_oid": "x", "value": "-Infinity"}""", "value", "finite")]
    [InlineData("""{"project_oid": "x", "value": 1e400}""", "value", "finite")]
    [InlineData("""{"Username": "\uD800"}""", "Username", "UTF-16")]
    public void Wrong_type_names_line_and_field(string bad, string field, string message)
    {
        var result = ReadBetweenGoodLines(bad);

        Assert.Contains(message, ReadAssert.OneProblem(result, "line 2", field).Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 1", "line 3");
    }

    [Fact]
    public void Missing_required_field_is_a_spec_violation_on_its_line()
    {
        var result = ReadBetweenGoodLines(ComputeJson.Replace("\"Username\": \"jdoe\", ", string.Empty, StringComparison.Ordinal));

        Assert.Empty(result.Problems);
        var violation = Assert.Single(RecordFileReader.Validate(result.Records));
        Assert.Equal(("line 2", "Username"), (violation.Location, violation.Field));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"a record\"")]
    [InlineData("[]")]
    [InlineData("null")]
    public void Line_that_is_not_an_object_is_named(string bad)
    {
        var result = ReadBetweenGoodLines(bad);

        Assert.Contains("expected a JSON object", ReadAssert.OneProblem(result, "line 2", null).Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 1", "line 3");
    }

    [Fact]
    public void Invalid_utf8_names_line_and_field()
    {
        var result = JsonLinesRecordReader.Read(WithBytes($"{ComputeJson}\n{{\"Username\": \"j@doe\"}}\n{PerseusJson}\n", 0xC3, 0x28));

        Assert.Contains("UTF-8", ReadAssert.OneProblem(result, "line 2", "Username").Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 1", "line 3");
    }

    [Fact]
    public void Regression_invalid_utf8_next_to_a_lone_surrogate_escape_is_a_problem_not_a_crash()
    {
        // Found by ReaderFuzzTests.JsonLines_mutated: telling which field holds the bad byte read the \uD800 string and threw.
        var result = JsonLinesRecordReader.Read(WithBytes($"{ComputeJson}\n{{\"a\": \"\\uD800\", \"b\": \"@\"}}\n{PerseusJson}\n", 0xFF));

        Assert.Contains("UTF-8", ReadAssert.OneProblem(result, "line 2", "b").Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 1", "line 3");
    }

    [Fact]
    public void Ten_megabyte_field_is_named_without_being_echoed()
    {
        var huge = new string('x', 10 * 1024 * 1024);

        var result = ReadBetweenGoodLines($$"""{"Username": "{{huge}}", "Charge": "1"}""");

        Assert.Contains("10485760 characters long", ReadAssert.OneProblem(result, "line 2", "Username").Message, StringComparison.Ordinal);
        ReadAssert.Records(result, "line 1", "line 3");
    }

    [Fact]
    public void Very_long_valid_line_is_read()
    {
        var padded = ComputeJson.Replace(", ", "," + new string(' ', 200_000), StringComparison.Ordinal);

        ReadAssert.Records(JsonLinesRecordReader.Read(Utf8($"{padded}\n{PerseusJson}\n")), "line 1", "line 2");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t\n\r\n  ")]
    [InlineData("\uFEFF")]
    public void Empty_file_is_one_problem_on_the_file(string content) =>
        Assert.Contains("empty", ReadAssert.OneProblem(JsonLinesRecordReader.Read(Utf8(content)), "file", null).Message, StringComparison.Ordinal);

    [Fact]
    public void Mixed_usage_types_are_each_told_from_their_members()
    {
        var message = $$"""{"UsageType": "Storage", "Records": [{{StorageJson}}]}""";

        var result = JsonLinesRecordReader.Read(Utf8(string.Join('\n', ComputeJson, message, AdjustmentJson, PerseusJson, GatewayJson)));

        Assert.Empty(result.Problems);
        ReadAssert.Records(result, "line 1", "line 2, Records[0]", "line 3", "line 4", "line 5");
        Assert.Equal(
            [typeof(ComputeUsageRecord), typeof(StorageUsageRecord), typeof(AdjustmentUsageRecord), typeof(UsageReport), typeof(JobAttributes)],
            result.Records.Select(record => record.Record.GetType()));
    }

    [Fact]
    public void Byte_order_mark_and_crlf_are_read_and_lines_still_counted()
    {
        var result = JsonLinesRecordReader.Read(Utf8($"\uFEFF{ComputeJson}\r\n\r\n{{\"Charge\": true}}\r\n{GatewayJson}\r\n"));

        ReadAssert.OneProblem(result, "line 3", "Charge");
        ReadAssert.Records(result, "line 1", "line 4");
    }
}
