using System.Text;

namespace UsageSchema.Errors;

/// <summary>
/// Makes text a service sent safe to print: terminal escape sequences are dropped and every other
/// control character becomes a space, so a hostile or broken answer cannot move the cursor, recolour
/// or retitle the terminal, or forge extra log lines.
/// </summary>
internal static class ServiceText
{
    private const char Escape = '\u001b';

    /// <summary><paramref name="text"/> on one line, without control characters or escape sequences.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == Escape || c == '\u009b')
            {
                i = EndOfEscape(text, i);
                continue;
            }

            clean.Append(IsUnsafe(c) ? ' ' : c);
        }

        return clean.ToString();
    }

    /// <summary>The first <paramref name="maxChars"/> characters of <paramref name="text"/>, marked when cut.</summary>
    public static string Head(string text, int maxChars) =>
        text.Length <= maxChars ? text : text[..maxChars] + "…";

    private static bool IsUnsafe(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    // ESC [ ... final byte (CSI), ESC ] ... BEL or ESC \ (OSC), or ESC and one character; C1 CSI likewise.
    private static int EndOfEscape(string text, int start)
    {
        var i = start + 1;
        if (text[start] == Escape)
        {
            if (i >= text.Length)
            {
                return start;
            }

            if (text[i] == ']')
            {
                for (i++; i < text.Length; i++)
                {
                    if (text[i] == '\u0007')
                    {
                        return i;
                    }

                    if (text[i] == Escape && i + 1 < text.Length && text[i + 1] == '\\')
                    {
                        return i + 1;
                    }
                }

                return text.Length - 1;
            }

            if (text[i] != '[')
            {
                return i;
            }

            i++;
        }

        for (; i < text.Length; i++)
        {
            if (text[i] is >= '@' and <= '~')
            {
                return i;
            }
        }

        return text.Length - 1;
    }
}
