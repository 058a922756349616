using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using UsageSchema.Cli.Input;
using UsageSchema.Serialization;

namespace UsageSchema.Testing.Fuzzing.Readers;

/// <summary>What must hold for whatever a reader is given; each check throws (an xunit assertion) when it does not.</summary>
internal static partial class ReadInvariants
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex(@"^(file|line \d+(, Records\[\d+\])?|(\[\d+\])?(\.?Records\[\d+\])?)$")]
    private static partial Regex LocationPattern();

    [GeneratedRegex(@"^line (\d+)")]
    private static partial Regex LinePattern();

    /// <summary>Every problem names where it is, says what is wrong in a bounded message; every record is of the type its kind says.</summary>
    public static void WellFormed(InputReadResult result)
    {
        foreach (var problem in result.Problems)
        {
            Assert.Matches(LocationPattern(), problem.Location);
            Assert.False(string.IsNullOrWhiteSpace(problem.Message), "a problem says what is wrong");
            Assert.True(problem.Message.Length <= 1000, "a message stays short: " + problem.Message.Length.ToString(CultureInfo.InvariantCulture));
            Assert.True(problem.Field is null || (problem.Field.Length > 0 && problem.Field.Length <= 200), "a field is a wire path: " + problem.Field);
        }

        foreach (var record in result.Records)
        {
            Assert.Matches(LocationPattern(), record.Location);
            Assert.NotEqual("file", record.Location);
            Assert.Contains(record.Record.GetType(), InputRecordTypes.All);
        }
    }

    /// <summary>Every record read serializes (it can be sent) and reads back as itself.</summary>
    public static void RoundTrips(InputReadResult result)
    {
        foreach (var record in result.Records)
        {
            var json = JsonSerializer.Serialize(record.Record, record.Record.GetType(), UsageJson.Options);
            var again = JsonLinesRecordReader.Read(Encoding.UTF8.GetBytes(json), record.Record.GetType());
            Assert.Empty(again.Problems);
            Assert.Equal(json, JsonSerializer.Serialize(Assert.Single(again.Records).Record, record.Record.GetType(), UsageJson.Options));
        }
    }

    /// <summary>The file's lines as the readers number them (BOM skipped, <c>\r\n</c> or <c>\n</c>), with their strict UTF-8 text (null when not UTF-8).</summary>
    public static List<(int Number, string? Text)> Lines(byte[] bytes)
    {
        var lines = new List<(int, string?)>();
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        for (var number = 1; start <= bytes.Length; number++)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var stop = end < 0 ? bytes.Length : end;
            var length = stop > start && bytes[stop - 1] == (byte)'\r' ? stop - start - 1 : stop - start;
            if (end >= 0 || length > 0)
            {
                string? text;
                try
                {
                    text = Strict.GetString(bytes, start, length);
                }
                catch (DecoderFallbackException)
                {
                    text = null;
                }

                lines.Add((number, text));
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        return lines;
    }

    /// <summary>The line numbers the records and problems are at.</summary>
    public static HashSet<int> Mentioned(InputReadResult result) =>
        [.. result.Records.Select(record => record.Location).Concat(result.Problems.Select(problem => problem.Location))
            .Select(location => LinePattern().Match(location))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))];

    public static bool IsBlank((int Number, string? Text) line) => line.Text is not null && string.IsNullOrWhiteSpace(line.Text);
}
