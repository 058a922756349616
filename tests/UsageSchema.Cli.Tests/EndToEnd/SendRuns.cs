using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>Runs <c>usage-schema send</c> against an <see cref="EmulatorProcess"/>, again and again, as an operator would after a failure.</summary>
internal static class SendRuns
{
    /// <summary>The arguments of <c>send SERVICE FILE --url URL --outbox OUTBOX --no-progress</c>, then <paramref name="extra"/>.</summary>
    public static string[] Arguments(EmulatorProcess emulator, string service, string file, string outbox, params string[] extra) =>
        ["send", service, file, "--url", emulator.UrlOf(service).AbsoluteUri, "--outbox", outbox, "--no-progress", .. extra];

    /// <summary>
    /// Sends the same file into the same outbox until the CLI exits 0 or 2 (nothing left waiting), at
    /// most <paramref name="maxRuns"/> times; exit 3 (service errors, records kept) means run again.
    /// <paramref name="firstRunExtra"/> replaces <paramref name="extra"/> on the first run only.
    /// </summary>
    public static async Task<SendLog> UntilSettledAsync(EmulatorProcess emulator, string service, string file, string outbox, int maxRuns, string[] extra, string[]? firstRunExtra = null)
    {
        var log = new SendLog();
        for (var run = 1; run <= maxRuns; run++)
        {
            var watch = Stopwatch.StartNew();
            var (exitCode, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets, Arguments(emulator, service, file, outbox, run == 1 && firstRunExtra is not null ? firstRunExtra : extra));
            log.Add(exitCode, output, error, watch.Elapsed);
            Assert.True(exitCode is 0 or 2 or 3, $"run {run}: unexpected exit {exitCode}\n{output}\n{error}");
            if (exitCode is 0 or 2)
            {
                return log;
            }
        }

        Assert.Fail($"Still exit 3 after {maxRuns} runs:\n{log}\nemulator: {emulator.Errors}");
        return log;
    }

    /// <summary><c>outbox list --json</c>: the entries per state for one service.</summary>
    public static async Task<Dictionary<string, long>> OutboxCountsAsync(string outbox, string api)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync("outbox", "list", "--outbox", outbox, "--json", "--limit", "0");
        Assert.True(exitCode == 0, $"outbox list: exit {exitCode}\n{output}\n{error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.GetProperty("counts").EnumerateArray()
            .Where(count => count.GetProperty("api").GetString() == api)
            .ToDictionary(count => count.GetProperty("state").GetString()!, count => count.GetProperty("count").GetInt64(), StringComparer.Ordinal);
    }
}

/// <summary>Every run's exit code, output and duration.</summary>
internal sealed class SendLog
{
    private readonly List<(int ExitCode, string Output, string Error, TimeSpan Duration)> _runs = [];

    public int Runs => _runs.Count;

    public int LastExitCode => _runs[^1].ExitCode;

    public string LastOutput => _runs[^1].Output;

    public IReadOnlyList<int> ExitCodes => [.. _runs.Select(run => run.ExitCode)];

    public TimeSpan Total => _runs.Aggregate(TimeSpan.Zero, (sum, run) => sum + run.Duration);

    public void Add(int exitCode, string output, string error, TimeSpan duration) => _runs.Add((exitCode, output, error, duration));

    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _runs.Count; i++)
        {
            var (exitCode, output, error, duration) = _runs[i];
            text.Append("--- run ").Append(i + 1).Append(": exit ").Append(exitCode).Append(" in ").Append(duration.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)).AppendLine(" s")
                .AppendLine(Tail(output)).AppendLine(Tail(error));
        }

        return text.ToString();
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : "..." + text[^3000..];
}
