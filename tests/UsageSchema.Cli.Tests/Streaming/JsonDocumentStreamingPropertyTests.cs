using System.Text;
using UsageSchema.Cli.Input;
using static UsageSchema.Cli.Tests.BadInput.Samples;

namespace UsageSchema.Cli.Tests.Streaming;

/// <summary>
/// Generated documents (seeded, so a failure replays): arrays and messages of good and bad elements,
/// laid out on one line or one element a line, some with one syntax error, each streamed in chunks
/// of random size; every record and message must be the same as the document read whole.
/// </summary>
public class JsonDocumentStreamingPropertyTests
{
    private const int Cases = 400;

    private static readonly string[] Elements =
    [
        ComputeJson, PerseusJson, GatewayJson, AdjustmentJson,
        $"{{\"UsageType\": \"Storage\", \"Records\": [{StorageJson}]}}",
        """{"Attributes": {"NodeCount": "many"}}""", """{"Charge": {"amount": 1}}""", "7", "\"text\"", "null", "[1, 2]",
        """{"UsageType": "Cloud", "Records": []}""", """{"Username": "jd\u00e9", "Charge": "1e400"}""",
    ];

    private static readonly string[] Duplicates = ["""{"project_oid": "a", "project_oid": "b"}""", """{"Attributes": {"NodeCount": 1, "NodeCount": 2}}"""];

    private static readonly string[] Broken = ["{\"Username\": \"jdoe\", \"Charge\": }", "{\"Username\": \"jdoe\",", "{\"Charge\": \"1\" \"Username\": \"x\"}", "{]"];

    // No duplicate members here: read whole, one ends the message with a single fault; streamed, the records before it are kept (the decision record says so).
    private static readonly string[] MessageItems = [ComputeJson, """{"Username": ["a", "b"]}""", "42", """{"LocalRecordID": 5}""", "[1]", "null"];

    [Fact]
    public void Generated_arrays_read_the_same_streamed_as_whole()
    {
        var random = new Random(14_1);
        for (var run = 0; run < Cases; run++)
        {
            var json = Array(random);
            Compare(json, random, run);
        }
    }

    [Fact]
    public void Generated_messages_read_the_same_streamed_as_whole()
    {
        var random = new Random(14_2);
        for (var run = 0; run < Cases / 2; run++)
        {
            var count = random.Next(0, 12);
            var items = Enumerable.Range(0, count).Select(_ => MessageItems[random.Next(MessageItems.Length)]);
            var before = random.Next(2) == 0 ? "" : "\"Note\": {\"a\": [1, 2]}, ";
            var json = "{" + before + "\"UsageType\": \"Compute\", \"Records\": [" + string.Join(random.Next(2) == 0 ? ", " : ",\n  ", items) + "], \"After\": true}";
            Compare(json, random, run);
        }
    }

    private static string Array(Random random)
    {
        var count = random.Next(0, 10);
        var syntax = random.Next(3) == 0;
        var elements = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // Duplicates only where there is no syntax error: the whole read names the first fault of
            // the document (a duplicate in an earlier element), the streamed one the syntax error.
            elements.Add(!syntax && random.Next(6) == 0 ? Duplicates[random.Next(Duplicates.Length)] : Elements[random.Next(Elements.Length)]);
        }

        var indented = random.Next(2) == 0;
        var newline = random.Next(2) == 0 ? "\n" : "\r\n";
        var separator = indented ? "," + newline + "  " : ", ";
        var text = new StringBuilder(indented ? "[" + newline + "  " : "[");
        var breakAt = syntax && count > 0 ? random.Next(count) : -1;
        var breakKind = random.Next(3);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(i == breakAt && breakKind == 1 ? (indented ? newline + "  " : " ") : separator);
            }

            text.Append(i == breakAt && breakKind == 0 ? Broken[random.Next(Broken.Length)] : elements[i]);
        }

        if (!(syntax && count > 0 && breakKind == 2))
        {
            text.Append(indented ? newline + "]" + newline : "]");
        }

        return text.ToString();
    }

    private static void Compare(string json, Random random, int run)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var whole = Describe(JsonRecordReader.Read(bytes));
        var chunk = random.Next(2) == 0 ? random.Next(1, 40) : 4096;
        var sink = new CollectingSink();
        JsonRecordStreamReader.Read(new TrickleStream(bytes, chunk), kind: null, sink, wholeBelow: 0);
        var streamed = Describe(sink.Result());
        Assert.True(whole.SequenceEqual(streamed), $"run {run}, chunks of {chunk}:\n{json}\nwhole:\n{string.Join('\n', whole)}\nstreamed:\n{string.Join('\n', streamed)}");
    }

    private static List<string> Describe(InputReadResult result) =>
    [
        .. result.Records.Select(record => $"record {record.Location} {record.Record.RecordKind}"),
        .. result.Problems.Select(problem => $"problem {problem.Location} | {problem.Field} | {problem.Message}"),
    ];
}
