using UsageSchema.Cli.Input;

namespace UsageSchema.Testing.Fuzzing.Readers;

/// <summary>
/// What every input reader of the CLI must do with any bytes, read through its stable entry point
/// (<see cref="RecordFileReader.Read"/> with the format): never throw, name the location of every
/// problem, account for every non-blank line as a record or a problem, and give only records that
/// serialize and read back as themselves. Each check throws (an xunit assertion) when that does not hold.
/// </summary>
internal static class ReaderChecks
{
    /// <summary>The sacct mapping the checks read with: a resource (sacct has no column for it) and UTC, so results do not depend on the machine.</summary>
    public static SacctMapping Mapping() => new() { Resource = "expanse.sdsc.access-ci.org", TimeZone = TimeZoneInfo.Utc };

    public static void JsonLines(byte[] bytes)
    {
        var result = RecordFileReader.Read(bytes, InputFormat.JsonLines);
        ReadInvariants.WellFormed(result);
        ReadInvariants.RoundTrips(result);

        // Exact accounting: every non-blank line, and nothing else, is a record or a problem.
        var nonBlank = ReadInvariants.Lines(bytes).Where(line => !ReadInvariants.IsBlank(line)).Select(line => line.Number).ToHashSet();
        Assert.Equal(nonBlank.Order(), ReadInvariants.Mentioned(result).Order());
        Assert.Equal(nonBlank.Count == 0, result.Problems.Any(problem => problem.Location == "file"));
    }

    public static void Json(byte[] bytes)
    {
        var result = RecordFileReader.Read(bytes, InputFormat.Json);
        ReadInvariants.WellFormed(result);
        ReadInvariants.RoundTrips(result);
        Assert.True(result.Records.Count + result.Problems.Count > 0, "a document gives records or says why not");
    }

    public static void Csv(byte[] bytes)
    {
        var result = RecordFileReader.Read(bytes, InputFormat.Csv);
        ReadInvariants.WellFormed(result);
        ReadInvariants.RoundTrips(result);

        var lines = ReadInvariants.Lines(bytes).Where(line => !ReadInvariants.IsBlank(line)).ToList();
        if (lines.Count == 0)
        {
            Assert.Equal("file", Assert.Single(result.Problems).Location);
            return;
        }

        var header = lines[0].Number;
        var mentioned = ReadInvariants.Mentioned(result);
        if (result.Problems.Any(problem => problem.Location == JsonRecordReader.Line(header) && problem.Field is null))
        {
            return; // The header is unusable, and says so; no row can be read.
        }

        mentioned.Add(header);
        Assert.Subset(lines.Select(line => line.Number).ToHashSet(), mentioned);
        var quoteFree = !bytes.Contains((byte)'"');
        foreach (var line in lines.Where(line => !mentioned.Contains(line.Number)))
        {
            // Only the continuation lines of a quoted cell go unmentioned, and only within the span a quoted cell may have.
            Assert.False(quoteFree, $"line {line.Number} is neither a record nor a problem");
            Assert.Contains(mentioned, start => start < line.Number && line.Number - start < InputLimits.MaxQuotedLines);
        }
    }

    public static void Sacct(byte[] bytes)
    {
        var result = RecordFileReader.Read(bytes, InputFormat.Sacct, sacct: Mapping());
        ReadInvariants.WellFormed(result);
        ReadInvariants.RoundTrips(result);

        var lines = ReadInvariants.Lines(bytes).Where(line => !ReadInvariants.IsBlank(line)).ToList();
        if (lines.Count == 0 || result.Problems.Any(problem => problem.Location == JsonRecordReader.Line(lines[0].Number) && problem.Field is null))
        {
            return; // An empty file or an unusable header, said as such.
        }

        var mentioned = ReadInvariants.Mentioned(result);
        var skipped = result.Skipped.Select(row => row.Location).ToHashSet(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(line => !mentioned.Contains(line.Number)))
        {
            // Skipped rows (job steps, jobs not ended) are listed as such; any other row is a record or a problem.
            Assert.True(skipped.Contains(JsonRecordReader.Line(line.Number)), $"line {line.Number} is neither a record, a problem nor a skipped row");
        }
    }

    /// <summary>
    /// The JSON Lines fast path (<see cref="FastRecordParser"/>) against the precise path on the first line: where the
    /// fast path takes a line, the precise path must take it too, as the same kind and the same record, with no problem
    /// (the fast path only skips work; it never decides differently).
    /// </summary>
    public static void FastPath(byte[] bytes)
    {
        var end = Array.IndexOf(bytes, (byte)'\n');
        var line = end < 0 ? bytes : bytes[..end];
        var strict = new System.Text.Json.JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = System.Text.Json.JsonCommentHandling.Disallow };
        foreach (var given in new Type?[] { null, typeof(UsageSchema.Amie.ComputeUsageRecord) })
        {
            if (!FastRecordParser.TryRead(line, given, strict, out var record))
            {
                continue;
            }

            Assert.NotNull(record);
            var (node, fault) = RecordConverter.Parse(System.Text.Encoding.UTF8.GetString(line), lenient: false);
            Assert.Null(fault);
            var sink = new CollectingSink();
            RecordConverter.AddFrom(node, JsonRecordReader.Line(1), given, sink);
            var precise = sink.Result();
            Assert.Empty(precise.Problems);
            var only = Assert.Single(precise.Records);
            var type = record.GetType();
            Assert.Equal(only.Record.GetType(), type);
            Assert.Equal(
                System.Text.Json.JsonSerializer.Serialize(only.Record, type, UsageSchema.Serialization.UsageJson.Options),
                System.Text.Json.JsonSerializer.Serialize(record, type, UsageSchema.Serialization.UsageJson.Options));
        }
    }
}
