using System.Globalization;

namespace UsageSchema.Cli.Input;

/// <summary>The bounds the readers put on untrusted input, and how they quote it back.</summary>
public static class InputLimits
{
    /// <summary>
    /// The longest text a single field may hold (65,536 characters). No field of the three APIs comes
    /// near it; a longer one is a broken file (a runaway quote, a pasted log), reported on its record
    /// and field instead of being validated, sent or echoed.
    /// </summary>
    public const int MaxFieldChars = 65_536;

    /// <summary>
    /// How many lines one quoted CSV cell may span (100). A quote that is not closed within them is
    /// reported on the line it opened, and reading goes on at the next line, so one stray quote does
    /// not swallow the rest of the file (and a file of stray quotes is still read in linear time).
    /// </summary>
    public const int MaxQuotedLines = 100;

    /// <summary>
    /// The longest line the line-based readers (JSON Lines, CSV, sacct) take (16 MiB): a line that long
    /// holds thousands of records or is no usage data (a binary file, a dump without line breaks). A
    /// longer line is reported on its number and passed over without being held in memory, so that the
    /// reader's memory stays bounded whatever the input.
    /// </summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    /// <summary>How much of a bad value is quoted back in a message (80 characters).</summary>
    public const int MaxQuotedChars = 80;

    /// <summary>The problem of a line over <see cref="MaxLineBytes"/>.</summary>
    internal static InputProblem TooLong(int line, long bytes) => new(
        "line " + line.ToString(CultureInfo.InvariantCulture),
        null,
        $"the line is {bytes.ToString(CultureInfo.InvariantCulture)} bytes long; the limit is {MaxLineBytes.ToString(CultureInfo.InvariantCulture)}; the line is skipped");

    /// <summary>A column name used as a problem's field, cut to <see cref="MaxQuotedChars"/> (a header broken by a stray quote can be one long name).</summary>
    internal static string? Field(string? name) => name is null || name.Length <= MaxQuotedChars ? name : name[..MaxQuotedChars] + "…";

    /// <summary><paramref name="text"/>, cut to <see cref="MaxQuotedChars"/> with its full length noted, so that messages stay one readable line.</summary>
    internal static string Quote(string? text)
    {
        if (text is null)
        {
            return "null";
        }

        var shown = text.Length <= MaxQuotedChars ? text : text[..MaxQuotedChars] + "…";
        shown = shown.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
        return text.Length <= MaxQuotedChars
            ? $"\"{shown}\""
            : $"\"{shown}\" ({text.Length.ToString(CultureInfo.InvariantCulture)} characters)";
    }
}
