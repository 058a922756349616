using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using UsageSchema.Cli.Reporting;

namespace UsageSchema.Cli.Monitoring;

/// <summary>
/// Writes the Prometheus text exposition format for node_exporter's textfile collector at the end of
/// a run: when it ran, when it last succeeded, its exit code, the records per API and outcome, and the outbox's
/// depth and oldest pending age per API (from the outbox gauges). The
/// file is replaced atomically (a temporary file in the same directory, then a rename), so the
/// collector never reads half a file; it holds counts and times only, no key or record.
/// </summary>
internal static partial class MetricsFile
{
    public const string LastRun = "usage_schema_last_run_timestamp_seconds";
    public const string LastSuccess = "usage_schema_last_success_timestamp_seconds";
    public const string ExitCode = "usage_schema_last_run_exit_code";
    public const string Records = "usage_schema_last_run_records";
    public const string OutboxDepth = "usage_schema_outbox_depth";
    public const string OldestPendingAge = "usage_schema_outbox_oldest_pending_age_seconds";

    /// <summary>Writes the file at the end of a run: the run's counts and the backlog of the outbox its command uses.</summary>
    public static async Task WriteAsync(string path, ParseResult parse, int exitCode, RunCounts counts)
    {
        var backlog = await RunOutbox.ReadBacklogAsync(parse, counts).ConfigureAwait(false);
        Write(path, DateTimeOffset.UtcNow, exitCode, counts.Snapshot(), backlog);
    }

    /// <summary>Writes <paramref name="path"/>; the last success time is kept from the existing file when this run failed.</summary>
    public static void Write(string path, DateTimeOffset now, int exitCode, IReadOnlyDictionary<(string Api, string Outcome), long> records, IReadOnlyList<BacklogGauge>? backlog = null)
    {
        var full = Path.GetFullPath(path);
        var lastSuccess = exitCode == 0 ? ToSeconds(now) : ReadLastSuccess(full);
        AtomicFile.WriteAllText(full, Format(ToSeconds(now), lastSuccess, exitCode, records, backlog));
    }

    /// <summary>
    /// The file's text; <paramref name="lastSuccess"/> null when no run has succeeded yet (the series is then left out),
    /// and the outbox series left out when <paramref name="backlog"/> is empty (no outbox, or it could not be read).
    /// </summary>
    public static string Format(double lastRun, double? lastSuccess, int exitCode, IReadOnlyDictionary<(string Api, string Outcome), long> records, IReadOnlyList<BacklogGauge>? backlog = null)
    {
        var text = new StringBuilder();
        Gauge(text, LastRun, "Unix time the last usage-schema run ended.");
        Sample(text, LastRun, "", lastRun);
        if (lastSuccess is { } success)
        {
            Gauge(text, LastSuccess, "Unix time the last usage-schema run that exited 0 ended.");
            Sample(text, LastSuccess, "", success);
        }

        Gauge(text, ExitCode, "Exit code of the last usage-schema run (0 success, 2 invalid records, 3 service or outbox error, 64 usage error).");
        Sample(text, ExitCode, "", exitCode);
        Gauge(text, Records, "Records of the last run per API and outcome (sent: in requests the service answered; delivered, rejected, released: outbox entries).");
        foreach (var ((api, outcome), count) in records.OrderBy(pair => pair.Key.Api, StringComparer.Ordinal).ThenBy(pair => pair.Key.Outcome, StringComparer.Ordinal))
        {
            Sample(text, Records, $"{{api=\"{Escape(api)}\",outcome=\"{Escape(outcome)}\"}}", count);
        }

        if (backlog is { Count: > 0 })
        {
            Gauge(text, OutboxDepth, "Outbox entries not yet delivered or rejected (pending and claimed) per API, at the end of the last run.");
            foreach (var gauge in backlog)
            {
                Sample(text, OutboxDepth, $"{{api=\"{Escape(gauge.Api)}\"}}", gauge.Depth);
            }

            Gauge(text, OldestPendingAge, "Seconds the oldest pending outbox entry of each API had waited at the end of the last run (0 when none is pending).");
            foreach (var gauge in backlog)
            {
                Sample(text, OldestPendingAge, $"{{api=\"{Escape(gauge.Api)}\"}}", gauge.OldestPendingAgeSeconds);
            }
        }

        return text.ToString();
    }

    private static double? ReadLastSuccess(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var match = SuccessLine().Match(line);
            if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static double ToSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static void Gauge(StringBuilder text, string name, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(" gauge\n");

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    [GeneratedRegex("^" + LastSuccess + @"\s+(\S+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SuccessLine();
}
