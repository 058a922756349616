using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageSchema.Cli.Input;
using UsageSchema.Serialization;
using UsageSchema.Tests.Shared.WireForms;

namespace UsageSchema.Cli.Tests;

/// <summary>
/// The JSON Lines reader's fast paths (the generated one-pass reader, then the scan and the
/// serializer) against its precise path alone (<c>JsonNode</c>, <c>JsonSyntax</c>): the same records
/// of the same types, the same problems word for word, in the same order, for the fixtures, every
/// record of the wire-form corpus and thousands of seeded variations of them (kinds mixed line by
/// line, so that the reader's guess of the next line's type is wrong often).
/// </summary>
public class InputJsonLinesFastPathTests
{
    private static readonly string[] Tokens =
    [
        "null", "true", "0", "-1", "1.5", "2147483648", "1e400", "\"12\"", "\"abc\"", "\"\"", "\"1e400\"", "\"NaN\"",
        "\"\\u00e9\"", "\"caf\u00e9\"", "[]", "[null]", "[\"x\"]", "{}", "{\"NodeCount\": 1}", "\"2024-03-01T08:15:00+05:00\"", "1e-05", "\"+2.5\"",
    ];

    /// <summary>Members that tell a record's kind, added to records of other kinds.</summary>
    private static readonly string[] Marks = ["project_oid", "resource_id", "gatewayuser", "xsederesourcename", "AdjustmentType", "CollectionTime", "UsageType", "Records"];

    [Theory]
    [InlineData("mixed.jsonl")]
    [InlineData("bad-utf8.jsonl")]
    public void The_fixtures_read_as_on_the_precise_path(string file)
    {
        var bytes = File.ReadAllBytes(CliProcess.Fixture(file));

        Assert.Equal(PreciseOnly(bytes, null), Read(bytes, null));
    }

    [Fact]
    public void The_corpus_records_and_their_variations_read_as_on_the_precise_path()
    {
        var lines = WireFormFiles.Records().Select(record => record.ToJsonString()).ToList();
        var random = new Random(14);
        var variations = new List<string>(lines);
        for (var i = 0; i < 4_000; i++)
        {
            variations.Add(Vary(lines[random.Next(lines.Count)], random));
        }

        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", variations) + "\n");
        var fast = Read(bytes, null);

        Assert.Equal(PreciseOnly(bytes, null), fast);

        // The fast paths must be of use: most of the corpus's records are read.
        Assert.True(fast.Count(line => line.StartsWith("record", StringComparison.Ordinal)) > lines.Count / 2);
    }

    [Theory]
    [InlineData(typeof(Amie.ComputeUsageRecord))]
    [InlineData(typeof(Amie.StorageUsageRecord))]
    [InlineData(typeof(Perseus.UsageReport))]
    public void Lines_of_a_given_type_read_as_on_the_precise_path(Type kind)
    {
        var lines = WireFormFiles.Records().Select(record => record.ToJsonString()).ToList();
        var random = new Random(kind.Name.Length);
        var variations = new List<string>(lines);
        for (var i = 0; i < 1_000; i++)
        {
            variations.Add(Vary(lines[random.Next(lines.Count)], random));
        }

        var bytes = Encoding.UTF8.GetBytes(string.Join("\r\n", variations));

        Assert.Equal(PreciseOnly(bytes, kind), Read(bytes, kind));
    }

    /// <summary>One seeded change: a member replaced, removed, named twice or escaped, a mark or unknown member added, blanks, a cut, a comment.</summary>
    private static string Vary(string line, Random random)
    {
        var record = JsonNode.Parse(line)!.AsObject();
        var names = record.Select(member => member.Key).ToList();
        var name = names.Count > 0 ? names[random.Next(names.Count)] : "Charge";
        switch (random.Next(11))
        {
            case 0:
            case 1:
                record[name] = JsonNode.Parse(Tokens[random.Next(Tokens.Length)]);
                return record.ToJsonString();
            case 2:
                record.Remove(name);
                return record.ToJsonString();
            case 3:
                return line.Replace($"\"{name}\":", $"\"{name}\":1,\"{name}\":", StringComparison.Ordinal);
            case 4:
                record[Marks[random.Next(Marks.Length)]] = JsonNode.Parse(Tokens[random.Next(Tokens.Length)]);
                return record.ToJsonString();
            case 5:
                return line.Insert(1, $"\"Unknown{random.Next(3)}\": 1, ");
            case 6:
                return line.Replace(":", " :\t ", StringComparison.Ordinal);
            case 7:
                return line[..random.Next(line.Length)];
            case 8:
                return line.Insert(1, "/* c */");
            case 9:
                if (record["Attributes"] is JsonObject attributes && attributes.Count > 0)
                {
                    var inner = attributes.Select(member => member.Key).ToList()[random.Next(attributes.Count)];
                    attributes[inner] = JsonNode.Parse(Tokens[random.Next(Tokens.Length)]);
                }

                return record.ToJsonString();
            default:
                return line.Replace($"\"{name}\":", $"\"\\u{(int)name[0]:x4}{name[1..]}\":", StringComparison.Ordinal);
        }
    }

    /// <summary>The reader as the CLI runs it.</summary>
    private static List<string> Read(byte[] bytes, Type? kind)
    {
        var sink = new OrderedSink();
        JsonLinesRecordReader.Read(new MemoryStream(bytes), kind, sink);
        return sink.Items;
    }

    /// <summary>The file read line by line on the precise path alone, as before the fast paths.</summary>
    private static List<string> PreciseOnly(byte[] bytes, Type? kind)
    {
        var sink = new OrderedSink();
        var any = false;
        using (var lines = new LineSource(new MemoryStream(bytes)))
        {
            while (lines.Next(out var line))
            {
                any |= JsonLinesRecordReader.ReadLine(line.Number, line.Bytes, line.TooLongBytes, kind, sink, fast: false);
            }
        }

        if (!any)
        {
            sink.Add(JsonLinesRecordReader.Empty());
        }

        return sink.Items;
    }

    /// <summary>Everything read, each as one line of text, in the order it was found.</summary>
    private sealed class OrderedSink : InputSink
    {
        public List<string> Items { get; } = [];

        public override void Add(InputRecord record) =>
            Items.Add($"record {record.Location}: {record.Record.GetType().Name} {Json(record.Record)}");

        // A record holding a number that JSON cannot spell (an infinity) is described as such: both paths are compared, not one thrown.
        private static string Json(IUsageRecord record)
        {
            try
            {
                return JsonSerializer.Serialize(record, record.GetType(), UsageJson.Options);
            }
            catch (ArgumentException exception)
            {
                return $"(not writable: {exception.GetType().Name}) {RecordChecks.FindNonFinite(record)}";
            }
        }

        public override void Add(InputProblem problem) => Items.Add($"problem {problem}");

        public override void Add(SkippedRow row) => Items.Add($"skipped {row}");

        public override void Note(string note) => Items.Add($"note {note}");
    }
}
