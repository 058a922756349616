using System.Text.Json;

namespace UsageSchema.Cli.Input;

/// <summary>Tells the format of input that has no file name (standard input) from its first bytes.</summary>
public static class InputSniffer
{
    /// <summary>
    /// The format of <paramref name="bytes"/>: <c>[</c> starts JSON; <c>{</c> starts JSON Lines when the
    /// first line holds a whole JSON value, JSON otherwise; a first line with a <c>|</c> is sacct, one with a
    /// comma CSV. Null when none of these fits.
    /// </summary>
    public static InputFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var start = 0;
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == bytes.Length)
        {
            return null;
        }

        var rest = bytes[start..];
        var end = rest.IndexOf((byte)'\n');
        var firstLine = end < 0 ? rest : rest[..end];
        return rest[0] switch
        {
            (byte)'[' => InputFormat.Json,
            (byte)'{' => IsWholeValue(firstLine) ? InputFormat.JsonLines : InputFormat.Json,
            _ when firstLine.Contains((byte)'|') => InputFormat.Sacct,
            _ when firstLine.Contains((byte)',') => InputFormat.Csv,
            _ => null,
        };
    }

    private static bool IsWholeValue(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
