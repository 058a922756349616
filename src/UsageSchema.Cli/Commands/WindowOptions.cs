using System.CommandLine;
using System.Globalization;
using UsageSchema.Cli.Verification;

namespace UsageSchema.Cli.Commands;

/// <summary>The window of delivery times and the rules of a comparison: <c>--from</c>, <c>--to</c>, <c>--load-delay</c>, <c>--charge-tolerance</c>; shared by <c>verify</c> and <c>report</c>, which must read a window alike.</summary>
internal sealed class WindowOptions
{
    public Option<string?> From { get; } = new("--from") { Description = "Start of the window of delivery times (ISO 8601 or a date, UTC when no offset); default 7 days before --to." };

    public Option<string?> To { get; } = new("--to") { Description = "End of the window (exclusive); default now." };

    public Option<string> LoadDelay { get; } = new("--load-delay") { Description = "How long a service may take to load a delivered record before it counts as not loaded (hh:mm:ss).", DefaultValueFactory = _ => "01:00:00" };

    public Option<double> ChargeTolerance { get; } = new("--charge-tolerance") { Description = "The largest charge difference that is not a finding.", DefaultValueFactory = _ => 0.01 };

    public IEnumerable<Option> All => [From, To, LoadDelay, ChargeTolerance];

    /// <summary>The window the options give, at <paramref name="now"/>; a <see cref="CliUsageException"/> naming the option when one is wrong.</summary>
    public VerifyWindow Window(ParseResult parse, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parse);
        // The services take window bounds to the second (the clients send them so), so the window is widened to whole
        // seconds: a window ending mid-second would count deliveries of its last fraction that the service's reply leaves out.
        var end = Ceiling(Instant(parse.GetValue(To), "--to") ?? now);
        var start = Floor(Instant(parse.GetValue(From), "--from") ?? end.AddDays(-7));
        var window = new VerifyWindow(start, end, now, Delay(parse.GetValue(LoadDelay)!), parse.GetValue(ChargeTolerance));
        return window.From >= window.To || window.ChargeTolerance < 0 || !double.IsFinite(window.ChargeTolerance)
            ? throw new CliUsageException("--from must be before --to, and --charge-tolerance a number not below 0.")
            : window;
    }

    private static DateTimeOffset Floor(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));

    private static DateTimeOffset Ceiling(DateTimeOffset instant) => instant.Ticks % TimeSpan.TicksPerSecond == 0 ? instant : Floor(instant).AddSeconds(1);

    private static DateTimeOffset? Instant(string? text, string option) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant
        : throw new CliUsageException($"{option} '{text}' is not a date or an ISO 8601 time.");

    private static TimeSpan Delay(string text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var delay) && delay >= TimeSpan.Zero
            ? delay
            : throw new CliUsageException($"--load-delay '{text}' is not a duration (hh:mm:ss) of zero or more.");
}
