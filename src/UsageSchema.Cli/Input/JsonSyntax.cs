using System.Globalization;
using System.Text;
using System.Text.Json;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Finds where JSON text stops being readable: the line, the column, and the member being read
/// (<c>Records[2].Charge</c>), so that a syntax error names its field like any other problem.
/// Duplicate member names count as errors: which of two values was meant cannot be known.
/// </summary>
internal static class JsonSyntax
{
    /// <summary>Where and why the text is unreadable.</summary>
    /// <param name="Line">1-based line within the text.</param>
    /// <param name="Column">1-based byte column within the line.</param>
    /// <param name="Field">The member being read, or null at the top level.</param>
    /// <param name="Message">What is wrong.</param>
    internal readonly record struct Fault(long Line, long Column, string? Field, string Message)
    {
        public string Describe() => $"malformed JSON: {Message} (column {Column.ToString(CultureInfo.InvariantCulture)})";
    }

    /// <summary>The first fault of <paramref name="utf8"/>, or null when it is well-formed JSON without duplicate names.</summary>
    public static Fault? Find(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(utf8, options);
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        var name = reader.GetString()!;
                        frame.Member = name;
                        if (!frame.Names!.Add(name))
                        {
                            var (line, column) = Position(utf8, reader.TokenStartIndex);
                            return new Fault(line, column, PathOf(frames), $"the member \"{name}\" appears twice in the same object");
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Next(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.String:
                        Next(frames);
                        reader.GetString();
                        break;
                    default:
                        Next(frames);
                        break;
                }
            }

            return null;
        }
        catch (JsonException exception)
        {
            return new Fault((exception.LineNumber ?? 0) + 1, (exception.BytePositionInLine ?? 0) + 1, PathOf(frames), RecordConverter.Plain(exception.Message));
        }
        catch (InvalidOperationException exception)
        {
            // GetString() on an escape that is not UTF-16 (a lone surrogate such as \uD800).
            var (line, column) = Position(utf8, reader.TokenStartIndex);
            return new Fault(line, column, PathOf(frames), RecordConverter.Plain(exception.Message));
        }
    }

    private static void Next(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    private static string? PathOf(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                if (frame.Index >= 0)
                {
                    path.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
            }
            else if (frame.Member is { } member)
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(member);
            }
        }

        // A path 64 levels deep is cut: the start says where, the rest is noise.
        return path.Length == 0 ? null : path.Length <= InputLimits.MaxQuotedChars ? path.ToString() : path.ToString(0, InputLimits.MaxQuotedChars) + "…";
    }

    private static (long Line, long Column) Position(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)offset];
        var line = before.Count((byte)'\n') + 1;
        var column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return (line, column);
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Member { get; set; }

        public HashSet<string>? Names { get; } = isArray ? null : new(StringComparer.Ordinal);
    }
}
