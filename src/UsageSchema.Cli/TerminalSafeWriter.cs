using System.Text;

namespace UsageSchema.Cli;

/// <summary>
/// Standard output with every character a terminal could act on taken out: ESC and the C1 controls (CSI, OSC, ...)
/// are dropped, every other control character but tab, line feed and carriage return becomes a space. The commands
/// print what services send back (loaded and failed records, job rows, ids) next to the user's own values; without
/// ESC or C1, none of it can move the cursor, recolour or retitle the terminal, or hide a line.
/// </summary>
/// <remarks>
/// Only standard output: the live progress bar draws on standard error with escape sequences of its own, and what
/// goes to standard error from a service (error messages) is cleaned where it is read (<c>ServiceText</c>).
/// <c>--json</c> output is unchanged: JSON writes control characters as <c>\u</c> escapes.
/// </remarks>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    /// <summary>Whether <paramref name="c"/> could start or be part of a terminal control sequence.</summary>
    internal static bool IsUnsafe(char c) => (c < ' ' && c is not '\t' and not '\n' and not '\r') || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029';

    /// <summary><paramref name="text"/> without what <see cref="IsUnsafe"/> flags: ESC and C1 dropped, the rest a space.</summary>
    internal static string Clean(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsUnsafe(c))
            {
                clean.Append(c);
            }
            else if (c is not '\u001b' and not (>= '\u0080' and <= '\u009f'))
            {
                clean.Append(' ');
            }
        }

        return clean.ToString();
    }

    public override void Write(char value)
    {
        if (!IsUnsafe(value))
        {
            inner.Write(value);
        }
        else if (value is not '\u001b' and not (>= '\u0080' and <= '\u009f'))
        {
            inner.Write(' ');
        }
    }

    public override void Write(string? value) => inner.Write(value is null ? null : Clean(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Clean(value));

    public override void WriteLine(ReadOnlySpan<char> buffer) => WriteLine(new string(buffer));

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value) => inner.WriteAsync(value is null ? null : Clean(value));

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(Clean(new string(buffer.Span)).AsMemory(), cancellationToken);

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(value is null ? null : Clean(value));

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteLineAsync(Clean(new string(buffer.Span)).AsMemory(), cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();
}
