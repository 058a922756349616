using System.Text.Json;

namespace UsageSchema.Cli.Input;

/// <summary>
/// The fast path for one JSON record: first the generated one-pass reader (<see cref="GeneratedRecordReader"/>);
/// when it declines, one scan of its bytes with <see cref="Utf8JsonReader"/> (for duplicate names,
/// the members that tell its kind, numbers that may not be finite), then the serializer straight
/// from the bytes with the generated types' metadata: no <c>JsonNode</c>, no string of the line. It declines whatever is unusual (a <c>UsageMessage</c>, a syntax error, a
/// duplicate, an escape or a byte that is not ASCII, a long line, a wrong type); the caller then reads the
/// same bytes on the precise path, which finds and words the problem exactly as before, so the fast
/// path changes no message: it only skips work for records that have none.
/// </summary>
internal static class FastRecordParser
{
    private const int LongToken = 300;

    /// <summary>Bytes that send a line to the precise path at once: any byte that is not ASCII, and the backslash of an escape.</summary>
    private static readonly System.Buffers.SearchValues<byte> Unusual = System.Buffers.SearchValues.Create([(byte)'\\', .. Enumerable.Range(0x80, 0x80).Select(value => (byte)value)]);

    [ThreadStatic]
    private static List<(int Start, int Length)>? t_names;

    [ThreadStatic]
    private static Stack<int>? t_objects;

    /// <summary>Reads <paramref name="utf8"/> as one record object; false (and the caller takes the precise path) when anything is unusual.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, Type? given, JsonReaderOptions options, out IUsageRecord? record)
    {
        record = null;

        // A field over the limit must be reported by the precise path; it cannot hide in a shorter text.
        // Non-ASCII text (and escapes, below) are left to the precise path too: members that no type
        // knows are kept as they were written, and the precise path writes them back escaped.
        // Escapes are left to the precise path as well (neither reader below takes one).
        if (utf8.Length > InputLimits.MaxFieldChars || utf8.IndexOfAny(Unusual) >= 0)
        {
            return false;
        }

        // One pass with the generated reader; when it declines (another kind, a form it does not restate), the scan and the serializer.
        if (GeneratedRecordReader.TryRead(utf8, given, options, out record))
        {
            return true;
        }

        if (!Scan(utf8, options, out var mark, out var isMessage, out var mayBeNonFinite) || isMessage)
        {
            return false;
        }

        var type = given ?? RecordSniffer.TypeOfMark(mark);
        try
        {
            record = JsonSerializer.Deserialize(utf8, InputRecordTypes.TypeInfoOf(type)) as IUsageRecord;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            return false;
        }

        if (record is null || (mayBeNonFinite && RecordChecks.FindNonFinite(record) is not null))
        {
            record = null;
            return false;
        }

        GeneratedRecordReader.Remember(type);
        return true;
    }

    /// <summary>One pass over the record: duplicates, the strongest <see cref="RecordSniffer"/> mark of its top-level members, whether it is a message (<c>UsageType</c> and <c>Records</c>), numbers that may not be finite.</summary>
    private static bool Scan(ReadOnlySpan<byte> utf8, JsonReaderOptions options, out int mark, out bool isMessage, out bool mayBeNonFinite)
    {
        mark = RecordSniffer.NoMark;
        isMessage = false;
        mayBeNonFinite = false;
        var records = false;
        var usageType = false;
        var names = t_names ??= [];
        var objects = t_objects ??= new Stack<int>();
        names.Clear();
        objects.Clear();
        var reader = new Utf8JsonReader(utf8, options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            objects.Push(0);
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (reader.ValueIsEscaped)
                        {
                            return false;
                        }

                        var name = reader.ValueSpan;
                        var start = (int)reader.TokenStartIndex + 1;
                        for (var i = objects.Peek(); i < names.Count; i++)
                        {
                            if (utf8.Slice(names[i].Start, names[i].Length).SequenceEqual(name))
                            {
                                return false;
                            }
                        }

                        names.Add((start, name.Length));
                        if (reader.CurrentDepth == 1)
                        {
                            mark = Math.Min(mark, RecordSniffer.MarkOf(name));
                            records |= name.SequenceEqual(AmieMessageNames.RecordsUtf8);
                            usageType |= name.SequenceEqual(AmieMessageNames.UsageTypeUtf8);
                        }

                        break;
                    case JsonTokenType.StartObject:
                        objects.Push(names.Count);
                        break;
                    case JsonTokenType.EndObject:
                        names.RemoveRange(objects.Peek(), names.Count - objects.Peek());
                        objects.Pop();
                        break;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped)
                        {
                            return false;
                        }

                        // Numbers are read from strings too (UsageJson.Options): "1e400" and "NaN" are as suspect as 1e400.
                        var text = reader.ValueSpan;
                        mayBeNonFinite |= MayOverflow(text) || text.IndexOf("NaN"u8) >= 0 || text.IndexOf("Infinity"u8) >= 0;
                        break;
                    case JsonTokenType.Number:
                        mayBeNonFinite |= MayOverflow(reader.ValueSpan);
                        break;
                }
            }

            isMessage = records && usageType;
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Whether a number spelled in <paramref name="text"/> could be too large for a double: very long, or with an exponent after a digit.</summary>
    private static bool MayOverflow(ReadOnlySpan<byte> text)
    {
        if (text.Length >= LongToken)
        {
            return true;
        }

        for (var at = text.IndexOfAny((byte)'e', (byte)'E'); at >= 0; at = text.IndexOfAny((byte)'e', (byte)'E'))
        {
            if (at > 0 && (char.IsAsciiDigit((char)text[at - 1]) || text[at - 1] == (byte)'.'))
            {
                return true;
            }

            text = text[(at + 1)..];
        }

        return false;
    }
}
