using System.Text;
using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Tests.Streaming;

/// <summary>The line reader under the streaming readers: lines across buffer refills, BOM and CRLF, and a line over the limit passed over without being held.</summary>
public sealed class LineSourceTests
{
    /// <summary>A stream that hands out at most a few bytes per read, as a pipe may.</summary>
    private sealed class TrickleStream(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, step));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, step)]);
    }

    private static List<(int Number, string Text, long TooLong)> Lines(Stream stream, int maxLineBytes)
    {
        var lines = new List<(int, string, long)>();
        using var source = new LineSource(stream, maxLineBytes);
        while (source.Next(out var line))
        {
            lines.Add((line.Number, Encoding.UTF8.GetString(line.Bytes), line.TooLongBytes));
        }

        return lines;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(70_000)]
    public void Lines_are_whole_however_the_stream_is_cut(int step)
    {
        var long1 = new string('a', 100_000);
        var bytes = Encoding.UTF8.GetBytes("\uFEFFfirst\r\n\n" + long1 + "\nlast");

        var lines = Lines(new TrickleStream(bytes, step), InputLimits.MaxLineBytes);

        Assert.Equal([(1, "first", 0L), (2, string.Empty, 0L), (3, long1, 0L), (4, "last", 0L)], lines);
    }

    [Fact]
    public void A_line_over_the_limit_is_reported_by_its_length_and_the_next_line_is_read()
    {
        var bytes = Encoding.UTF8.GetBytes("ok\n" + new string('x', 500_000) + "\r\nafter\n");

        var lines = Lines(new TrickleStream(bytes, 4096), 1000);

        Assert.Equal([(1, "ok", 0L), (2, string.Empty, 500_000L), (3, "after", 0L)], lines);
    }

    [Fact]
    public void A_line_over_the_limit_is_a_problem_of_its_line_and_its_neighbours_are_read()
    {
        var record = """{"Username": "jdoe", "LocalProjectID": "csd123", "LocalRecordID": "1", "Resource": "expanse.sdsc.access-ci.org", "SubmitTime": "2024-03-01T08:15:00-08:00", "StartTime": "2024-03-01T08:20:12-08:00", "EndTime": "2024-03-01T10:20:12-08:00", "Charge": "1.0", "Attributes": {"NodeCount": 1}}""";
        var bytes = Encoding.UTF8.GetBytes(record + "\n" + new string(' ', InputLimits.MaxLineBytes + 10) + "x\n" + record + "\n");

        var read = JsonLinesRecordReader.Read(bytes);

        Assert.Equal(["line 1", "line 3"], read.Records.Select(r => r.Location));
        var problem = Assert.Single(read.Problems);
        Assert.Equal("line 2", problem.Location);
        Assert.Contains($"bytes long; the limit is {InputLimits.MaxLineBytes}", problem.Message, StringComparison.Ordinal);
    }
}
