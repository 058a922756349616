using UsageSchema.Cli.Input;
using static UsageSchema.Cli.Tests.BadInput.Samples;

namespace UsageSchema.Cli.Tests.Streaming;

/// <summary>
/// A JSON document read element by element (<see cref="JsonRecordStreamReader"/>, with every document
/// streamed and the input handed out a few bytes at a time) gives the same records and the same
/// problems, word for word, as the same document read whole (<see cref="JsonRecordReader"/>).
/// </summary>
public class JsonDocumentStreamingTests
{
    public static TheoryData<string> SameAsWhole => new()
    {
        $"\uFEFF[\r\n{ComputeJson},\r\n{{\"UsageType\": \"Storage\", \"Records\": [{StorageJson}]}},\r\n{AdjustmentJson},\r\n{PerseusJson},\r\n{GatewayJson}\r\n]\r\n",
        $$$"""[{{{ComputeJson}}}, {"project_oid": "a", "project_oid": "b"}, {{{GatewayJson}}}, 7, "text", null, [1], {"Attributes": {"NodeCount": "many"}}]""",
        $$"""[{{ComputeJson}}, {"UsageType": "Cloud", "Records": []}, {"UsageType": "Compute", "Records": [{{ComputeJson}}, 3]}]""",
        $$$"""{"UsageType": "Compute", "Records": [{{{ComputeJson}}}, {"Username": ["a", "b"]}, {"Charge": {"amount": 1}}, 42, {{{ComputeJson.Replace("\"1\"", "\"2\"", StringComparison.Ordinal)}}}], "Extra": {"a": [1, 2]}}""",
        $$"""{"Note": "first", "UsageType": "Adjustment", "Records": [{{AdjustmentJson}}]}""",
        $$"""{"Records": [{{ComputeJson}}], "UsageType": "Compute"}""",
        $$"""{"UsageType": "Cloud", "Records": [{{ComputeJson}}]}""",
        $$"""{"UsageType": "Compute", "Records": []}""",
        $"  \n{ComputeJson}\n",
        $"[\n  {ComputeJson},\n  {PerseusJson},\n  {{\"Username\": \"jdoe\", \"Charge\": }},\n  {GatewayJson},\n  {AdjustmentJson}\n]\n",
        $"[\n  {ComputeJson},\n  {{\"Username\": \"jdoe\",\n  {PerseusJson}\n]\n",
        $"[\n  {ComputeJson}\n  {PerseusJson}\n]\n",
        $"[\n  {ComputeJson},\n  {PerseusJson},\n",
        $"[{ComputeJson}, {{\"Charge\": }}, {PerseusJson}]",
        $"[\n  {ComputeJson}\n] trailing",
        "{\r\n  \"Username\": \"jdoe\",\r\n  \"Charge\": \r\n}",
        "[]",
        "   \n\t",
        "\"just a string\"",
    };

    [Theory]
    [MemberData(nameof(SameAsWhole))]
    public void Streamed_document_reads_like_the_whole_document(string json)
    {
        var bytes = Utf8(json);
        var whole = JsonRecordReader.Read(bytes);

        foreach (var chunk in new[] { 1, 7, 4096 })
        {
            var streamed = Stream(bytes, chunk);
            Assert.Equal(Describe(whole), Describe(streamed));
        }
    }

    [Fact]
    public void Syntax_error_in_a_message_is_named_as_before_and_the_records_before_it_are_kept()
    {
        var json = $"{{\"UsageType\": \"Compute\",\n \"Records\": [\n  {ComputeJson},\n  {{\"Charge\": \"1\" \"Username\": \"x\"}}\n]}}";

        var whole = Assert.Single(JsonRecordReader.Read(Utf8(json)).Problems);
        var streamed = Stream(Utf8(json), 5);

        Assert.Equal(whole, Assert.Single(streamed.Problems));
        Assert.Equal(["Records[0]"], streamed.Records.Select(record => record.Location));
    }

    [Fact]
    public void Duplicate_member_in_a_message_record_is_named_as_before()
    {
        var json = $$"""{"UsageType": "Compute", "Records": [{{ComputeJson}}, {"Username": "a", "Username": "b"}]}""";

        var whole = Assert.Single(JsonRecordReader.Read(Utf8(json)).Problems);
        var streamed = Stream(Utf8(json), 3);

        Assert.Equal(whole, Assert.Single(streamed.Problems));
        Assert.Equal(["Records[0]"], streamed.Records.Select(record => record.Location));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_named_on_their_element_and_cost_no_neighbour()
    {
        var bytes = WithBytes($"[\n{ComputeJson},\n{{\"Username\": \"@\"}},\n{PerseusJson}\n]", 0xFF);

        var streamed = Stream(bytes, 11);

        var problem = Assert.Single(streamed.Problems);
        Assert.Equal(("[1]", "Username", "not valid UTF-8"), (problem.Location, problem.Field, problem.Message));
        Assert.Equal(["[0]", "[2]"], streamed.Records.Select(record => record.Location));
    }

    [Fact]
    public void Document_of_many_records_is_read_in_a_buffer_smaller_than_itself()
    {
        const int Count = 20_000;
        var json = "[\n" + string.Join(",\n", Enumerable.Range(1, Count).Select(i => ComputeJson.Replace("\"LocalRecordID\": \"1\"", $"\"LocalRecordID\": \"{i}\"", StringComparison.Ordinal))) + "\n]\n";
        Assert.True(json.Length > JsonRecordStreamReader.WholeDocumentBytes);

        var sink = new CollectingSink();
        JsonRecordStreamReader.Read(new TrickleStream(Utf8(json), 65_536), kind: null, sink);
        var result = sink.Result();

        Assert.Empty(result.Problems);
        Assert.Equal(Count, result.Records.Count);
        Assert.Equal($"[{Count - 1}]", result.Records[^1].Location);
        BadInput.ReadAssert.Records(result, [.. Enumerable.Range(0, Count).Select(i => $"[{i}]")]);
    }

    private static InputReadResult Stream(byte[] bytes, int chunk)
    {
        var sink = new CollectingSink();
        JsonRecordStreamReader.Read(new TrickleStream(bytes, chunk), kind: null, sink, wholeBelow: 0);
        return sink.Result();
    }

    private static List<string> Describe(InputReadResult result) =>
    [
        .. result.Records.Select(record => $"record {record.Location} {record.Record.RecordKind} {System.Text.Json.JsonSerializer.Serialize(record.Record, record.Record.GetType(), UsageSchema.Serialization.UsageJson.Options)}"),
        .. result.Problems.Select(problem => $"problem {problem.Location} | {problem.Field} | {problem.Message}"),
    ];
}
