using System.Globalization;
using System.Text;
using System.Text.Json;
using UsageSchema.Cli.Input;
using UsageSchema.Serialization;

namespace UsageSchema.Cli.Tests.Sacct;

/// <summary>
/// The sacct reader's fast path (rows read from their bytes) against its string path alone: the same
/// records, problems, skipped rows and notes, in the same order, for the fixtures and for rows made to
/// sit on every edge the fast path must decline.
/// </summary>
public class SacctFastPathTests
{
    private const string Header = "JobID|User|Account|Partition|Submit|Start|End|Elapsed|State|AllocNodes|AllocCPUS|JobName";

    /// <summary>Rows on the edges: blanks, odd times, states, skips, duplicates, bytes and pipes in names.</summary>
    private static readonly string[] EdgeRows =
    [
        "1|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|COMPLETED|1|128|run-0",
        "2| jdoe |csd123 | compute|2024-03-01 08:00:00|2024-03-01T09:00|2024-03-01T10:00:00 |01:00:00|CANCELLED by 12|1|128|a|b|c",
        "   ",
        "\u00A03\u00A0|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|completed+|1|128|",
        "4|jdoe|csd123|compute|2024-02-30T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|COMPLETED|1|128|x",
        "5|jdoe|csd123|compute|2023-02-29T08:00:00|2024-03-01T24:00:00|2024-03-01T10:00:00|01:00:00|COMPLETED|1|128|x",
        "6|jdoe|csd123|compute|2024-03-10T02:30:00|2024-03-10T03:30:00|2024-11-03T01:30:00|01:00:00|TIMEOUT|1|128|dst",
        "7|jdoe|csd123|compute|Unknown|Unknown|Unknown|00:00:00|CANCELLED|0|0|never",
        "8|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T09:00:00|00:00:00|CANCELLED|1|1|same",
        "9|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|RUNNING|1|128|run",
        "9.batch|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|COMPLETED|1|128|batch",
        "10_[1-5]|jdoe|csd123|compute|2024-03-01T08:00:00|Unknown|Unknown|00:00:00|PENDING|1|128|array",
        "1|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|COMPLETED|1|128|again",
        "11_2|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|1-02:03:04.5|FAILED|2|x|n",
        "11_2|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|61:00|FAILED|2|8|n",
        "11_2|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00|FAILED|2|8|dup",
        "12|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|WEIRD|1|128|w",
        "13|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00",
        "14|jdoe|csd123|compute|0001-01-01T00:00:00|0001-01-01T00:00:00|9999-12-31T23:59:59|00:00:01|COMPLETED|1|1|edge",
        "15|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|COMPLETED|1|2147483647|big",
        "16|jdoe|csd123|compute|2024-03-01T08:00:00\t|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|COMPLETED|1|+5|sign",
    ];

    public static TheoryData<string, string?> Fixtures() => new()
    {
        { "xdmod.sacct", "xdmod" },
        { "xdmod-noqos.sacct", "xdmod-noqos" },
        { "xdmod-reqgres.sacct", "xdmod-reqgres" },
        { "xdmod-header.sacct", null },
        { "steps.sacct", null },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_fixtures_read_as_on_the_string_path(string file, string? columns)
    {
        var bytes = SacctFixtures.Bytes(file);

        Assert.Equal(StringPathOnly(bytes, SacctFixtures.Mapping(columns)), Described(SacctRecordReader.Read(bytes, SacctFixtures.Mapping(columns))));
    }

    [Theory]
    [InlineData("UTC", false)]
    [InlineData("America/Los_Angeles", false)]
    [InlineData("Asia/Kolkata", true)]
    [InlineData("Pacific/Chatham", false)]
    public void Rows_on_every_edge_read_as_on_the_string_path(string zone, bool allStates)
    {
        var bytes = File(Header, EdgeRows, "\r\n");
        SacctMapping Mapping()
        {
            var mapping = SacctFixtures.Mapping();
            mapping.TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
            mapping.States = allStates ? SacctJobStates.Parse("COMPLETED,CANCELLED,RUNNING,FAILED,TIMEOUT") : null;
            return mapping;
        }

        var fast = Described(SacctRecordReader.Read(bytes, Mapping()));

        Assert.Equal(StringPathOnly(bytes, Mapping()), fast);
        Assert.Contains(fast, line => line.StartsWith("record line 2:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_job_name_that_is_not_utf8_reads_as_on_the_string_path()
    {
        var row = Encoding.UTF8.GetBytes("1|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|COMPLETED|1|128|caf");
        var bytes = Encoding.UTF8.GetBytes(Header + "\n").Concat(row).Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();

        var fast = Described(SacctRecordReader.Read(bytes, SacctFixtures.Mapping()));

        Assert.Equal(StringPathOnly(bytes, SacctFixtures.Mapping()), fast);
        Assert.Contains(fast, line => line.Contains("caf\uFFFD", StringComparison.Ordinal));
    }

    [Fact]
    public void Repeated_values_share_one_string_and_unique_ones_do_not_grow_it_without_bound()
    {
        var rows = Enumerable.Range(1, CellStrings.MaxEntries + 10).Select(i =>
            $"{i}|jdoe|csd123|compute|2024-03-01T08:00:00|2024-03-01T09:00:00|2024-03-01T10:00:00|01:00:00|COMPLETED|1|1|name-{i}");

        var records = SacctRecordReader.Read(File(Header, rows, "\n"), SacctFixtures.Mapping()).Records.Select(record => (Amie.ComputeUsageRecord)record.Record).ToList();

        Assert.Equal(CellStrings.MaxEntries + 10, records.Count);
        Assert.Same(records[0].Username, records[^1].Username);
        Assert.Equal($"name-{CellStrings.MaxEntries + 10}", records[^1].Attributes.JobName);
    }

    [Fact]
    public void Times_are_read_and_written_as_the_framework_does()
    {
        string[] formats = ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm"];
        var random = new Random(14);
        var zones = new[] { TimeSpan.Zero, TimeSpan.FromHours(-8), TimeSpan.FromMinutes(345), TimeSpan.FromMinutes(-570), TimeSpan.FromHours(14) };
        for (var i = 0; i < 20_000; i++)
        {
            var time = new DateTime(random.Next(1, 10_000), random.Next(1, 13), 1).AddDays(random.Next(0, 31)).AddSeconds(random.Next(0, 86_400));
            var text = time.ToString(formats[i % 3], CultureInfo.InvariantCulture);
            var chars = text.ToCharArray();
            if (i % 4 == 0)
            {
                // A digit or separator changed: what the fast reader takes, the framework must take as the same time.
                chars[random.Next(chars.Length)] = "0123456789-: T/x"[random.Next(16)];
            }

            var mutated = new string(chars);
            var framework = DateTime.TryParseExact(mutated, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);
            if (SacctValues.TryParseTime(mutated, out var local))
            {
                Assert.True(framework, mutated);
                Assert.Equal(expected, local);
                var offset = zones[i % zones.Length];
                if (local - DateTime.MinValue >= offset && DateTime.MaxValue - local >= -offset)
                {
                    Assert.Equal(SacctValues.Iso(new DateTimeOffset(local, offset)), SacctValues.Iso(local, offset));
                }
            }
            else if (i % 4 != 0)
            {
                Assert.Fail($"{mutated} was declined");
            }
        }
    }

    private static byte[] File(string header, IEnumerable<string> rows, string newline) => Encoding.UTF8.GetBytes(header + newline + string.Join(newline, rows) + newline);

    /// <summary>The file read line by line on the string path alone, as before the fast path.</summary>
    private static List<string> StringPathOnly(byte[] bytes, SacctMapping mapping)
    {
        var sink = new CollectingSink();
        var reader = new SacctLineReader(mapping, sink);
        using (var lines = new LineSource(new MemoryStream(bytes)))
        {
            while (lines.Next(out var line))
            {
                if (line.TooLongBytes > 0)
                {
                    reader.AddTooLong(line.Number, line.TooLongBytes);
                }
                else
                {
                    reader.Add(TextLines.Decode(line.Number, line.Bytes));
                }
            }
        }

        reader.Finish();
        return Described(sink.Result());
    }

    /// <summary>Everything read, each as one line of text, in the order of the sink's lists.</summary>
    private static List<string> Described(InputReadResult result) =>
    [
        .. result.Records.Select(record => $"record {record.Location}: {record.Record.RecordKind} {JsonSerializer.Serialize(record.Record, record.Record.GetType(), UsageJson.Options)}"),
        .. result.Problems.Select(problem => $"problem {problem}"),
        .. result.Skipped.Select(row => $"skipped {row}"),
        .. result.Notes.Select(note => $"note {note}"),
    ];
}
