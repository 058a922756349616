using System.CommandLine;
using UsageSchema.Cli.Commands;
using UsageSchema.Cli.Verification;

namespace UsageSchema.Cli.Tests.Verify;

/// <summary>The window <c>verify</c> and <c>report</c> read from their options.</summary>
public sealed class WindowOptionsTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(899);

    [Fact]
    public void The_default_window_ends_at_the_next_whole_second_so_what_was_loaded_in_the_last_fraction_is_asked_for()
    {
        // The clients send window bounds to the second: a window ending at 12:00:00.899 would be sent as 12:00:00,
        // and a record delivered and loaded at 12:00:00.500 would be counted as delivered but not be in the service's totals.
        var window = Parse();

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 12, 0, 1, TimeSpan.Zero), window.To);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 1, TimeSpan.Zero), window.From);
        Assert.Equal(Now, window.Now);
    }

    [Fact]
    public void Given_bounds_are_widened_to_whole_seconds_and_whole_ones_kept()
    {
        var widened = Parse("--from", "2026-03-01T10:00:00.250Z", "--to", "2026-03-02T10:00:00.250Z");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), widened.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 1, TimeSpan.Zero), widened.To);

        var whole = Parse("--from", "2026-03-01", "--to", "2026-03-02");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), whole.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), whole.To);
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_a_usage_error()
    {
        Assert.Throws<CliUsageException>(() => Parse("--from", "2026-03-02", "--to", "2026-03-01"));
    }

    private static VerifyWindow Parse(params string[] arguments)
    {
        var options = new WindowOptions();
        var command = new RootCommand();
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        return options.Window(command.Parse(arguments), Now);
    }
}
