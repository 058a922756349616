using System.Globalization;
using System.Text;
using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Tests.Streaming;

/// <summary>
/// JSON Lines parsed in batches on the thread pool (<see cref="InputPipeline"/>) against the same
/// lines read one after the other: the same items (records, validity, problems) in the same order,
/// across many batches, with bad lines of every kind among good ones.
/// </summary>
public class JsonLinesInParallelTests
{
    private const string Good = """{"Username": "jdoe", "LocalProjectID": "csd123", "LocalRecordID": "ID", "Resource": "expanse.sdsc.access-ci.org", "SubmitTime": "2024-03-01T08:15:00-08:00", "StartTime": "2024-03-01T08:20:12-08:00", "EndTime": "2024-03-01T10:20:12-08:00", "Charge": "1.0", "Attributes": {"NodeCount": 1}}""";

    [Fact]
    public async Task Batches_parsed_in_parallel_hand_on_what_the_sequential_reader_reads_in_its_order()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 10_000; i++)
        {
            var line = Good.Replace("\"ID\"", "\"" + i.ToString(CultureInfo.InvariantCulture) + "\"", StringComparison.Ordinal);
            text.Append(
                i % 997 == 0 ? "{\"Username\": " // broken JSON
                : i % 991 == 0 ? line.Replace("\"NodeCount\": 1", "\"NodeCount\": 0", StringComparison.Ordinal) // a spec violation
                : i % 983 == 0 ? "   " // blank
                : i % 977 == 0 ? """{"UsageType": "Compute", "Records": [""" + line + "," + line + "]}" // a message of two
                : line).Append(i % 2 == 0 ? "\r\n" : "\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var expected = new ListSink();
        JsonLinesRecordReader.Read(new MemoryStream(bytes), null, expected);

        var actual = new List<string>();
        await foreach (var batch in InputPipeline.Start(new MemoryStream(bytes), InputFormat.JsonLines, null, null, CancellationToken.None).ReadAllAsync())
        {
            actual.AddRange(batch.Select(Describe));
        }

        Assert.True(expected.Items.Count > 10_000);
        Assert.Equal(expected.Items.Select(Describe), actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n \r\n")]
    public async Task A_file_of_blanks_is_one_problem_saying_it_is_empty(string input)
    {
        var items = new List<InputItem>();
        await foreach (var batch in InputPipeline.Start(new MemoryStream(Encoding.UTF8.GetBytes(input)), InputFormat.JsonLines, null, null, CancellationToken.None).ReadAllAsync())
        {
            items.AddRange(batch);
        }

        var problem = Assert.Single(items).Problem;
        Assert.Equal(JsonLinesRecordReader.Empty().ToString(), problem?.ToString());
    }

    private static string Describe(InputItem item) =>
        item.Record is { } record ? $"{record.Location} {record.Kind} {item.Valid} {((Amie.ComputeUsageRecord)record.Record).LocalRecordId}"
        : item.Problem is { } problem ? problem.ToString()
        : item.ToString();

    private sealed class ListSink : ValidatingSink
    {
        public List<InputItem> Items { get; } = [];

        protected override void Put(InputItem item) => Items.Add(item);
    }
}
