using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Reads one JSON document: a <c>UsageMessage</c> as the reference client writes it
/// (<c>{"UsageType": "Compute", "Records": [...]}</c>), a single record, or an array of either.
/// Each record is read on its own, so a record of the wrong type does not stop its neighbours; in an
/// array with a syntax error, the elements before it are read, and so are the later elements that
/// start on a line of their own at the indentation of the first (see <see cref="Recover"/>).
/// </summary>
public static class JsonRecordReader
{
    internal static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="kind">The kind of every bare record; null to tell it from the members.</param>
    public static InputReadResult Read(byte[] bytes, Type? kind = null)
    {
        var sink = new CollectingSink();
        Read(bytes, kind, sink);
        return sink.Result();
    }

    /// <summary>Reads <paramref name="bytes"/> into <paramref name="sink"/>.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="kind">The kind of every bare record; null to tell it from the members.</param>
    /// <param name="sink">Receives the records and problems in document order.</param>
    public static void Read(byte[] bytes, Type? kind, InputSink sink)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(sink);
        var (text, badLine) = TextLines.Decode(bytes);
        if (text is null)
        {
            sink.Add(new InputProblem(Line(badLine), null, "not valid UTF-8; the JSON document cannot be read"));
            return;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            sink.Add(new InputProblem("file", null, "the file is empty; expected a JSON UsageMessage, record or array"));
            return;
        }

        var (root, fault) = RecordConverter.Parse(text, lenient: true);
        if (fault is { } syntax)
        {
            // A duplicate member inside an element breaks no syntax: the elements are all read, and
            // the one with the duplicate reports it on its own, so the document-level fault is dropped.
            var problem = new InputProblem(Line(syntax.Line), syntax.Field, syntax.Describe());
            if (!Recover(Encoding.UTF8.GetBytes(text), kind, sink))
            {
                sink.Add(problem);
            }

            return;
        }

        if (root is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                RecordConverter.AddFrom(array[i], $"[{i.ToString(CultureInfo.InvariantCulture)}]", kind, sink);
            }

            if (array.Count == 0)
            {
                sink.Add(new InputProblem("file", null, "the array is empty; no records"));
            }
        }
        else
        {
            RecordConverter.AddFrom(root, string.Empty, kind, sink);
        }

    }

    internal static string Line(long number) => string.Create(CultureInfo.InvariantCulture, $"line {number}");

    /// <summary>
    /// Reads what can be read of a top-level array with a syntax error: the elements before the
    /// broken one (as <c>[i]</c>), then every later value that starts a line at the first element's
    /// indentation and is well-formed on its own (as <c>line N</c>: its index cannot be known).
    /// </summary>
    /// <returns>Whether the whole array was read (its only faults were inside elements).</returns>
    private static bool Recover(byte[] utf8, Type? kind, InputSink sink)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        int firstStart = -1, brokenStart = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            for (var index = 0; ; index++)
            {
                brokenStart = (int)reader.BytesConsumed;
                if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
                {
                    return reader.TokenType == JsonTokenType.EndArray && !reader.Read();
                }

                var start = (int)reader.TokenStartIndex;
                firstStart = firstStart < 0 ? start : firstStart;
                reader.Skip();
                AddValue(utf8.AsSpan(start, (int)reader.BytesConsumed - start), $"[{index.ToString(CultureInfo.InvariantCulture)}]", kind, sink);
            }
        }
        catch (JsonException)
        {
            // The broken element; the scan below goes on after its first line.
        }

        var indent = firstStart < 0 ? -1 : firstStart - (utf8.AsSpan(0, firstStart).LastIndexOf((byte)'\n') + 1);
        if (indent < 0 || utf8.AsSpan(firstStart - indent, indent).ContainsAnyExcept((byte)' ', (byte)'\t'))
        {
            return false;
        }

        var position = brokenStart;
        var lineNumber = utf8.AsSpan(0, brokenStart).Count((byte)'\n') + 1;
        while (true)
        {
            var newline = utf8.AsSpan(position).IndexOf((byte)'\n');
            if (newline < 0)
            {
                return false;
            }

            position += newline + 1;
            lineNumber++;
            var candidate = position + indent;
            if (candidate >= utf8.Length || utf8[candidate] != (byte)'{' || utf8.AsSpan(position, indent).ContainsAnyExcept((byte)' ', (byte)'\t'))
            {
                continue;
            }

            var value = new Utf8JsonReader(utf8.AsSpan(candidate), ReaderOptions);
            try
            {
                value.Read();
                value.Skip();
            }
            catch (JsonException)
            {
                continue;
            }

            var length = (int)value.BytesConsumed;
            AddValue(utf8.AsSpan(candidate, length), Line(lineNumber), kind, sink);
            lineNumber += utf8.AsSpan(candidate, length).Count((byte)'\n');
            position = candidate + length;
        }
    }

    /// <summary>Reads one well-formed UTF-8 value on its own, as a record or a message, at <paramref name="location"/>.</summary>
    internal static void AddValue(ReadOnlySpan<byte> utf8, string location, Type? kind, InputSink sink)
    {
        var (node, fault) = RecordConverter.Parse(Encoding.UTF8.GetString(utf8), lenient: true);
        if (fault is { } syntax)
        {
            sink.Add(new InputProblem(location, syntax.Field, syntax.Describe()));
            return;
        }

        RecordConverter.AddFrom(node, location, kind, sink);
    }
}
