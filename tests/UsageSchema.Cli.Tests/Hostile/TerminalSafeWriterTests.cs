namespace UsageSchema.Cli.Tests.Hostile;

public sealed class TerminalSafeWriterTests
{
    [Theory]
    [InlineData("plain text, tab\tand\r\nlines\n", "plain text, tab\tand\r\nlines\n")]
    [InlineData("job-1\u001b]0;pwned\u0007", "job-1]0;pwned ")]
    [InlineData("r\u001b[2Jx", "r[2Jx")]
    [InlineData("t\u009b31m", "t31m")]
    [InlineData("a\u2028b\u0000c\u007fd", "a b c d")]
    [InlineData("Grüße, 日本", "Grüße, 日本")]
    public void What_a_terminal_could_act_on_is_taken_out_and_the_rest_kept(string written, string shown)
    {
        using var inner = new StringWriter();
        using var writer = new TerminalSafeWriter(inner);

        writer.Write(written);
        writer.Write(written.ToCharArray(), 0, written.Length);
        foreach (var c in written)
        {
            writer.Write(c);
        }

        writer.WriteLine(written);

        Assert.Equal(shown + shown + shown + shown + inner.NewLine, inner.ToString());
    }

    [Fact]
    public async Task The_async_writes_are_cleaned_too()
    {
        await using var inner = new StringWriter();
        await using var writer = new TerminalSafeWriter(inner);

        await writer.WriteAsync("a\u001b[31mb");
        await writer.WriteLineAsync("c\u0007d".AsMemory());

        Assert.Equal("a[31mbc d" + inner.NewLine, inner.ToString());
    }
}
