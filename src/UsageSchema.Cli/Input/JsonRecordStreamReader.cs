using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Reads a JSON document (<c>.json</c>) from a stream element by element, in bounded memory: a
/// top-level array, or a <c>UsageMessage</c> whose <c>UsageType</c> comes before its <c>Records</c>
/// (as the reference client writes it), is read with <see cref="Utf8JsonReader"/> over one
/// <see cref="JsonStreamBuffer"/>, re-filled on the reader's <see cref="JsonReaderState"/>; each
/// element is handed to the same per-record parsers as before (<see cref="FastRecordParser"/>, then
/// <see cref="JsonRecordReader.AddValue"/>), so each one's problems are worded as before. A document
/// of at most <see cref="WholeDocumentBytes"/>, and any other shape up to <see cref="InputLimits.MaxLineBytes"/>,
/// is read whole by <see cref="JsonRecordReader"/>, word for word as before.
/// </summary>
internal sealed class JsonRecordStreamReader
{
    /// <summary>Documents up to this size (1 MiB) are read whole: their recovery and messages are exactly <see cref="JsonRecordReader"/>'s.</summary>
    internal const int WholeDocumentBytes = 1024 * 1024;

    private static readonly JsonReaderOptions Lenient = JsonRecordReader.ReaderOptions;

    private readonly JsonStreamBuffer _buffer;
    private readonly Type? _kind;
    private readonly InputSink _sink;
    private JsonReaderState _state = new(Lenient);
    private int _position;
    private int _keep;
    private int _valueStart = -1;

    private JsonRecordStreamReader(JsonStreamBuffer buffer, Type? kind, InputSink sink)
    {
        _buffer = buffer;
        _kind = kind;
        _sink = sink;
    }

    /// <summary>Reads <paramref name="stream"/> into <paramref name="sink"/>, in document order.</summary>
    /// <param name="stream">The document.</param>
    /// <param name="kind">The kind of every bare record; null to tell it from the members.</param>
    /// <param name="sink">Receives the records and problems.</param>
    /// <param name="wholeBelow">Documents up to this many bytes are read whole (tests set 0 to stream everything).</param>
    public static void Read(Stream stream, Type? kind, InputSink sink, int wholeBelow = WholeDocumentBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        using var buffer = new JsonStreamBuffer(stream, InputLimits.MaxLineBytes);
        while (buffer.Kept.Length <= wholeBelow && buffer.Fill())
        {
        }

        if (buffer.AtEnd && buffer.Kept.Length <= wholeBelow)
        {
            JsonRecordReader.Read(buffer.Kept.ToArray(), kind, sink);
            return;
        }

        new JsonRecordStreamReader(buffer, kind, sink).Run();
    }

    private void Run()
    {
        while (_buffer.Kept.Length < 3 && _buffer.Fill())
        {
        }

        if (_buffer.Kept.StartsWith("\uFEFF"u8))
        {
            _buffer.DropUncounted(3);
        }

        JsonTokenType first;
        try
        {
            first = NextToken(out _, out _);
        }
        catch (Exception exception) when (exception is JsonException or TooLargeException)
        {
            Whole(exception as JsonException);
            return;
        }

        switch (first)
        {
            case JsonTokenType.None:
                _sink.Add(new InputProblem("file", null, "the file is empty; expected a JSON UsageMessage, record or array"));
                break;
            case JsonTokenType.StartArray:
                ReadArray();
                break;
            case JsonTokenType.StartObject:
                ReadObject();
                break;
            default:
                Whole(null);
                break;
        }
    }

    /// <summary>The elements of a top-level array, as <c>[i]</c>; after a syntax error, the later elements that start a line at the first one's indentation (as <see cref="JsonRecordReader"/> does).</summary>
    private void ReadArray()
    {
        var index = 0;
        int? indent = null;
        try
        {
            for (; ; index++)
            {
                _keep = _position;
                var type = NextValue(out var start, out var end);
                if (type == JsonTokenType.EndArray)
                {
                    if (index == 0)
                    {
                        _sink.Add(new InputProblem("file", null, "the array is empty; no records"));
                    }

                    AfterTheEnd();
                    return;
                }

                if (index == 0)
                {
                    indent = _buffer.IndentOf(start, out var spaces) ? spaces : -1;
                }

                var location = Index(index);
                var bytes = _buffer.Kept[start..end];
                if (FastRecordParser.TryRead(bytes, _kind, Lenient, out var record))
                {
                    _sink.Add(new InputRecord(location, record!));
                }
                else if (Utf8Problem(bytes, location) is { } bad)
                {
                    _sink.Add(bad);
                }
                else
                {
                    JsonRecordReader.AddValue(bytes, location, _kind, _sink);
                }
            }
        }
        catch (JsonException exception)
        {
            if (index == 0 && _valueStart >= 0)
            {
                indent = _buffer.IndentOf(_valueStart, out var spaces) ? spaces : -1;
            }

            var fault = FaultAt(exception, Index(index), index > 0 ? Index(index - 1) : null);
            if (indent is >= 0)
            {
                Recover(indent.Value);
            }

            _sink.Add(fault);
        }
        catch (TooLargeException)
        {
            _sink.Add(TooLarge(Index(index)));
        }
    }

    /// <summary>A top-level object: a <c>UsageMessage</c> is streamed when its <c>UsageType</c> is known before its <c>Records</c>; anything else is read whole.</summary>
    private void ReadObject()
    {
        Type? messageKind = null;
        var typeSeen = false;
        try
        {
            while (true)
            {
                var type = NextToken(out var name, out _);
                if (type == JsonTokenType.EndObject)
                {
                    Whole(null);
                    return;
                }

                if (name == Member.UsageType && !typeSeen)
                {
                    typeSeen = true;
                    messageKind = NextValue(out var start, out var end) == JsonTokenType.String
                        ? InputRecordTypes.OfUsageType(StringAt(start, end))
                        : null;
                }
                else if (name == Member.Records && messageKind is { } kind)
                {
                    if (NextToken(out _, out _) != JsonTokenType.StartArray)
                    {
                        Whole(null);
                        return;
                    }

                    ReadMessage(kind);
                    return;
                }
                else if (name is Member.Records or Member.UsageType)
                {
                    Whole(null);
                    return;
                }
                else
                {
                    NextValue(out _, out _);
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or TooLargeException)
        {
            Whole(exception as JsonException);
        }
    }

    /// <summary>The records of a <c>UsageMessage</c>, as <c>Records[i]</c>, and the rest of the message after them.</summary>
    private void ReadMessage(Type kind)
    {
        var index = 0;
        try
        {
            for (; ; index++)
            {
                _keep = _position;
                var type = NextValue(out var start, out var end);
                if (type == JsonTokenType.EndArray)
                {
                    break;
                }

                var location = AmieMessageNames.Records + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
                var bytes = _buffer.Kept[start..end];
                if (type != JsonTokenType.StartObject)
                {
                    _sink.Add(new InputProblem(location, null, $"expected a record object, got {Describe(type)}"));
                }
                else if (FastRecordParser.TryRead(bytes, kind, Lenient, out var record))
                {
                    _sink.Add(new InputRecord(location, record!));
                }
                else if (Utf8Problem(bytes, location) is { } bad)
                {
                    _sink.Add(bad);
                }
                else
                {
                    MessageRecord(bytes, start, location, kind);
                }
            }

            if (index == 0)
            {
                // Said, not skipped: every element of a file ends up as records or as problems.
                _sink.Add(new InputProblem("file", AmieMessageNames.Records, "the message has no records"));
            }

            // The members after the records: a second Records or UsageType is the same fault as before.
            while (true)
            {
                _keep = _position;
                var type = NextToken(out var name, out var nameStart);
                if (type == JsonTokenType.EndObject)
                {
                    AfterTheEnd();
                    return;
                }

                if (name is Member.Records or Member.UsageType)
                {
                    var member = name == Member.Records ? AmieMessageNames.Records : AmieMessageNames.UsageType;
                    var (line, column) = _buffer.Position(nameStart);
                    _sink.Add(Problem(new JsonSyntax.Fault(line, column, member, $"the member \"{member}\" appears twice in the same object")));
                    return;
                }

                NextValue(out _, out _);
            }
        }
        catch (JsonException exception)
        {
            var item = AmieMessageNames.Records + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            _sink.Add(FaultAt(exception, item, index > 0 ? AmieMessageNames.Records + "[" + (index - 1).ToString(CultureInfo.InvariantCulture) + "]" : AmieMessageNames.Records));
        }
        catch (TooLargeException)
        {
            _sink.Add(TooLarge(AmieMessageNames.Records + "[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
        }
    }

    /// <summary>Only white space and comments may follow the document's value; anything else is its fault, at the top level.</summary>
    private void AfterTheEnd()
    {
        _keep = _position;
        try
        {
            NextToken(out _, out _);
        }
        catch (JsonException exception)
        {
            _sink.Add(Problem(new JsonSyntax.Fault((exception.LineNumber ?? 0) + 1, (exception.BytePositionInLine ?? 0) + 1, null, RecordConverter.Plain(exception.Message))));
        }
    }

    /// <summary>One record of a message on the precise path; a syntax fault in it (a duplicate member) is named on its line, as for the whole document.</summary>
    private void MessageRecord(ReadOnlySpan<byte> bytes, int start, string location, Type kind)
    {
        var (node, fault) = RecordConverter.Parse(Encoding.UTF8.GetString(bytes), lenient: true);
        if (fault is { } syntax)
        {
            _sink.Add(Problem(Shift(syntax, start, location)));
        }
        else if (node is System.Text.Json.Nodes.JsonObject record)
        {
            RecordConverter.Add(record, location, kind, _sink);
        }
    }

    /// <summary>
    /// After a syntax error in an array: every later value that starts a line at the first element's
    /// indentation and is well-formed on its own, as <c>line N</c> (the rule of <see cref="JsonRecordReader"/>).
    /// </summary>
    private void Recover(int indent)
    {
        var at = _position;
        var (lineNumber, _) = _buffer.Position(at);
        while (true)
        {
            int newline;
            while ((newline = _buffer.Kept[at..].IndexOf((byte)'\n')) < 0)
            {
                _buffer.Drop(at);
                at = 0;
                if (!_buffer.Fill())
                {
                    if (_buffer.AtEnd)
                    {
                        return;
                    }

                    // A line longer than the buffer holds no element to recover.
                    _buffer.Drop(_buffer.Kept.Length);
                }
            }

            at += newline + 1;
            lineNumber++;
            _buffer.Drop(at);
            at = 0;
            while (_buffer.Kept.Length < indent + 1 && _buffer.Fill())
            {
            }

            var kept = _buffer.Kept;
            if (kept.Length < indent + 1 || kept[indent] != (byte)'{' || kept[..indent].ContainsAnyExcept((byte)' ', (byte)'\t'))
            {
                continue;
            }

            if (WholeValueAt(indent) is not { } length)
            {
                continue;
            }

            var value = _buffer.Kept.Slice(indent, length);
            var location = JsonRecordReader.Line(lineNumber);
            if (Utf8Problem(value, location) is { } bad)
            {
                _sink.Add(bad);
            }
            else
            {
                JsonRecordReader.AddValue(value, location, _kind, _sink);
            }

            lineNumber += value.Count((byte)'\n');
            at = indent + length;
        }
    }

    /// <summary>The length of the well-formed value that starts at kept byte <paramref name="start"/>; null when it is not one (or longer than the buffer).</summary>
    private int? WholeValueAt(int start)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.Kept[start..], _buffer.AtEnd, new JsonReaderState(Lenient));
            try
            {
                if (reader.Read() && reader.TrySkip())
                {
                    return (int)reader.BytesConsumed;
                }
            }
            catch (JsonException)
            {
                return null;
            }

            if (!_buffer.Fill() && !_buffer.AtEnd)
            {
                return null;
            }
        }
    }

    /// <summary>Reads everything left into the buffer and the document whole, as before; a document over the buffer's limit is one problem.</summary>
    private void Whole(JsonException? fault)
    {
        if (_buffer.FillAll())
        {
            JsonRecordReader.Read(_buffer.Kept.ToArray(), _kind, _sink);
            return;
        }

        var limit = InputLimits.MaxLineBytes.ToString(CultureInfo.InvariantCulture);
        _sink.Add(fault is null
            ? new InputProblem("file", null, $"the JSON document is over {limit} bytes and is neither an array nor a UsageMessage whose UsageType comes before its Records, so it cannot be read a record at a time; split it, or write JSON Lines")
            : Problem(new JsonSyntax.Fault((fault.LineNumber ?? 0) + 1, (fault.BytePositionInLine ?? 0) + 1, null, RecordConverter.Plain(fault.Message))));
    }

    /// <summary>The document's syntax fault: inside the element being read (its path prefixed by <paramref name="element"/>), or between elements (<paramref name="between"/>).</summary>
    private InputProblem FaultAt(JsonException exception, string element, string? between)
    {
        if (_valueStart >= 0 && JsonSyntax.Find(_buffer.Kept[_valueStart..], Lenient) is { } inner)
        {
            return Problem(Shift(inner, _valueStart, element));
        }

        return Problem(new JsonSyntax.Fault((exception.LineNumber ?? 0) + 1, (exception.BytePositionInLine ?? 0) + 1, between, RecordConverter.Plain(exception.Message)));
    }

    /// <summary>A fault found in a value read on its own, placed in the whole document.</summary>
    private JsonSyntax.Fault Shift(JsonSyntax.Fault inner, int valueStart, string element)
    {
        var (line, column) = _buffer.Position(valueStart);
        var field = inner.Field is null ? element : inner.Field.StartsWith('[') ? element + inner.Field : element + "." + inner.Field;
        return new JsonSyntax.Fault(line + inner.Line - 1, inner.Line == 1 ? column + inner.Column - 1 : inner.Column, field, inner.Message);
    }

    private static InputProblem Problem(JsonSyntax.Fault fault) => new(JsonRecordReader.Line(fault.Line), fault.Field, fault.Describe());

    private static InputProblem TooLarge(string location)
    {
        var limit = InputLimits.MaxLineBytes.ToString(CultureInfo.InvariantCulture);
        return new InputProblem(location, null, $"the record is more than {limit} bytes long; the limit is {limit}; the rest of the document is not read");
    }

    /// <summary>A value with bytes that are not UTF-8, named with the member that holds them (as JSON Lines does); null when it is UTF-8.</summary>
    private static InputProblem? Utf8Problem(ReadOnlySpan<byte> bytes, string location) =>
        Utf8.IsValid(bytes) ? null : new InputProblem(location, JsonLinesRecordReader.FieldWithBadBytes(Encoding.UTF8.GetString(bytes)), "not valid UTF-8");

    private static string Index(int index) => "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        _ => "a value",
    };

    private string? StringAt(int start, int end)
    {
        var reader = new Utf8JsonReader(_buffer.Kept[start..end], Lenient);
        try
        {
            return reader.Read() ? reader.GetString() : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Reads the next token; <see cref="JsonTokenType.None"/> at the end of the document. A member name is told as <paramref name="name"/>.</summary>
    private JsonTokenType NextToken(out Member name, out int tokenStart)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.Kept[_position..], _buffer.AtEnd, _state);
            if (reader.Read())
            {
                var type = reader.TokenType;
                tokenStart = _position + (int)reader.TokenStartIndex;
                name = type != JsonTokenType.PropertyName ? Member.None
                    : reader.ValueTextEquals(AmieMessageNames.RecordsUtf8) ? Member.Records
                    : reader.ValueTextEquals(AmieMessageNames.UsageTypeUtf8) ? Member.UsageType
                    : Member.Other;
                Commit(ref reader);
                return type;
            }

            if (_buffer.AtEnd)
            {
                name = Member.None;
                tokenStart = _position;
                return JsonTokenType.None;
            }

            More();
        }
    }

    /// <summary>Reads the next token and, when it opens an object or array, the whole value: kept bytes <paramref name="start"/> to <paramref name="end"/>.</summary>
    private JsonTokenType NextValue(out int start, out int end)
    {
        _valueStart = -1;
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.Kept[_position..], _buffer.AtEnd, _state);
            if (reader.Read())
            {
                var type = reader.TokenType;
                start = _position + (int)reader.TokenStartIndex;
                if (type is JsonTokenType.EndArray or JsonTokenType.EndObject)
                {
                    Commit(ref reader);
                    end = _position;
                    return type;
                }

                _valueStart = start;
                if (reader.TrySkip())
                {
                    Commit(ref reader);
                    end = _position;
                    _valueStart = -1;
                    return type;
                }
            }
            else if (_buffer.AtEnd)
            {
                start = end = _position;
                return JsonTokenType.None;
            }

            _valueStart = -1;
            More();
        }
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        _state = reader.CurrentState;
        _position += (int)reader.BytesConsumed;
    }

    /// <summary>Drops what is no longer needed and reads on; the value being read must fit in the buffer.</summary>
    private void More()
    {
        _buffer.Drop(_keep);
        _position -= _keep;
        _keep = 0;
        if (!_buffer.Fill() && !_buffer.AtEnd)
        {
            throw new TooLargeException();
        }
    }

    private enum Member
    {
        None,
        Other,
        Records,
        UsageType,
    }

    /// <summary>A single value longer than the buffer's limit.</summary>
    private sealed class TooLargeException : Exception;
}
