using System.Text;

namespace UsageSchema.Cli.Input;

/// <summary>A file split into lines, each decoded as strict UTF-8 on its own, so that one bad line does not spoil the others.</summary>
internal static class TextLines
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>One line: its 1-based number and its text, or null text when it is not valid UTF-8.</summary>
    /// <param name="Number">1-based line number.</param>
    /// <param name="Text">The text; null when the line is not valid UTF-8.</param>
    /// <param name="Replaced">When <paramref name="Text"/> is null: the line with each bad byte replaced by U+FFFD, to tell which field holds it.</param>
    internal readonly record struct Line(int Number, string? Text, string? Replaced = null);

    /// <summary>One line of a <see cref="LineSource"/> as text: strict UTF-8, or null text with the replaced text when it is not UTF-8.</summary>
    public static Line Decode(int number, ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return new Line(number, Strict.GetString(bytes));
        }

        return new Line(number, null, Lenient.GetString(bytes));
    }

    /// <summary>Splits <paramref name="bytes"/> at <c>\n</c> (a trailing <c>\r</c> is dropped), skipping a UTF-8 byte order mark.</summary>
    public static List<Line> Split(byte[] bytes)
    {
        var lines = new List<Line>();
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var number = 1;
        while (start <= bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var stop = end < 0 ? bytes.Length : end;
            var length = stop - start;
            if (length > 0 && bytes[stop - 1] == (byte)'\r')
            {
                length--;
            }

            if (end >= 0 || length > 0)
            {
                var text = Decode(bytes, start, length);
                lines.Add(new Line(number, text, text is null ? Lenient.GetString(bytes, start, length) : null));
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
            number++;
        }

        return lines;
    }

    /// <summary>The whole file as strict UTF-8 (byte order mark removed), or the 1-based line of the first bad byte.</summary>
    public static (string? Text, int BadLine) Decode(byte[] bytes)
    {
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var text = Decode(bytes, start, bytes.Length - start);
        if (text is not null)
        {
            return (text, 0);
        }

        var bad = Split(bytes).FirstOrDefault(line => line.Text is null);
        return (null, bad.Number == 0 ? 1 : bad.Number);
    }

    private static string? Decode(byte[] bytes, int start, int length)
    {
        try
        {
            return Strict.GetString(bytes, start, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
