using System.Text.Json;
using System.Text.Json.Nodes;

namespace UsageSchema.Cli.Input;

/// <summary>Reads JSON Lines: one record or one <c>UsageMessage</c> per line; blank lines are skipped.</summary>
public static class JsonLinesRecordReader
{
    private static readonly JsonReaderOptions StrictOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads <paramref name="bytes"/> whole.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="kind">The kind of every bare record; null to tell it from the members.</param>
    public static InputReadResult Read(byte[] bytes, Type? kind = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var sink = new CollectingSink();
        Read(new MemoryStream(bytes, writable: false), kind, sink);
        return sink.Result();
    }

    /// <summary>Reads <paramref name="stream"/> line by line into <paramref name="sink"/>.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="kind">The kind of every bare record; null to tell it from the members.</param>
    /// <param name="sink">Receives the records and problems in file order.</param>
    public static void Read(Stream stream, Type? kind, InputSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        var any = false;
        using var lines = new LineSource(stream);
        while (lines.Next(out var line))
        {
            any |= ReadLine(line.Number, line.Bytes, line.TooLongBytes, kind, sink);
        }

        if (!any)
        {
            sink.Add(Empty());
        }
    }

    /// <summary>The problem of a file with no line that is not blank.</summary>
    internal static InputProblem Empty() => new("file", null, "the file is empty; expected one JSON record or UsageMessage per line");

    /// <summary>Reads one line on its own (a line depends on no other); whether it was more than blanks.</summary>
    /// <param name="number">The line's 1-based number.</param>
    /// <param name="bytes">Its bytes, without the line break; empty when it is over the limit.</param>
    /// <param name="tooLongBytes">The length of a line over <see cref="InputLimits.MaxLineBytes"/>; 0 otherwise.</param>
    /// <param name="kind">The kind of every bare record; null to tell it from the members.</param>
    /// <param name="sink">Receives the line's records and problems.</param>
    /// <param name="fast">Whether the fast path may read it (tests compare the precise path alone).</param>
    internal static bool ReadLine(int number, ReadOnlySpan<byte> bytes, long tooLongBytes, Type? kind, InputSink sink, bool fast = true)
    {
        if (tooLongBytes > 0)
        {
            sink.Add(InputLimits.TooLong(number, tooLongBytes));
            return true;
        }

        // Blank lines are skipped (here those of ASCII blanks; other white space on the precise path).
        if (bytes.IndexOfAnyExcept(" \t\r\f\v"u8) < 0)
        {
            return false;
        }

        if (fast && FastRecordParser.TryRead(bytes, kind, StrictOptions, out var record))
        {
            sink.Add(new InputRecord(JsonRecordReader.Line(number), record!));
            return true;
        }

        var any = false;
        ReadPrecisely(TextLines.Decode(number, bytes), kind, sink, ref any);
        return any;
    }

    /// <summary>The line as text, through <c>JsonNode</c>: slower, and words every problem exactly.</summary>
    private static void ReadPrecisely(TextLines.Line line, Type? kind, InputSink sink, ref bool any)
    {
        var location = JsonRecordReader.Line(line.Number);
        if (line.Text is null)
        {
            any = true;
            sink.Add(new InputProblem(location, FieldWithBadBytes(line.Replaced), "not valid UTF-8"));
            return;
        }

        if (string.IsNullOrWhiteSpace(line.Text))
        {
            return;
        }

        any = true;
        var (node, fault) = RecordConverter.Parse(line.Text, lenient: false);
        if (fault is { } syntax)
        {
            sink.Add(new InputProblem(location, syntax.Field, syntax.Describe()));
            return;
        }

        RecordConverter.AddFrom(node, location, kind, sink);
    }

    /// <summary>The member whose text holds a replaced byte, when the rest of the line is JSON; null otherwise.</summary>
    internal static string? FieldWithBadBytes(string? replaced)
    {
        if (replaced is null)
        {
            return null;
        }

        // A member named "" (or a very long name) is no field a reader can point at: then the line alone is named, or the path is cut.
        var (node, fault) = RecordConverter.Parse(replaced, lenient: true);
        return fault is null && FindReplacement(node, null) is { Length: > 0 } field ? InputLimits.Field(field) : null;
    }

    private static string? FindReplacement(JsonNode? node, string? path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = path is null ? name : $"{path}.{name}";
                    if (name.Contains('\uFFFD', StringComparison.Ordinal))
                    {
                        return childPath;
                    }

                    if (FindReplacement(child, childPath) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindReplacement(array[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when RecordChecks.TryGetText(value, out var text) && text.Contains('\uFFFD', StringComparison.Ordinal):
                return path;
            default:
                return null;
        }
    }
}
