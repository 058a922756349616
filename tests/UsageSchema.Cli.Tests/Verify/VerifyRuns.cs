using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using UsageSchema.Cli.Tests.EndToEnd;

namespace UsageSchema.Cli.Tests.Verify;

/// <summary>
/// What the end-to-end verify tests do with real processes: write a window of records (one usage day left out), send
/// them, edit the emulator's SQLite store behind its back, and run <c>verify ... --json</c>, reading its findings.
/// </summary>
internal static class VerifyRuns
{
    /// <summary>The whole UTC days the default window (the last 7 days) holds on <paramref name="today"/>, oldest first: six, as now is not midnight.</summary>
    private static IReadOnlyList<DateOnly> WholeDays(DateOnly today) => [.. Enumerable.Range(1, 6).Select(back => today.AddDays(-back)).Order()];

    /// <summary>Runs <paramref name="run"/> with the default window's whole days and the one it leaves without records (a cron job that did not run), within one UTC day (<see cref="WithinOneUtcDay"/>).</summary>
    public static Task WithinOneUtcDayAsync(Func<IReadOnlyList<DateOnly>, DateOnly, Task> run) =>
        WithinOneUtcDay.RunAsync(today =>
        {
            var days = WholeDays(today);
            return run(days, days[2]);
        });

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="lines"/> as a JSON Lines file and sends it through <paramref name="outbox"/>; every record must be accepted.</summary>
    public static async Task SendAsync(EmulatorProcess emulator, string service, string folder, string outbox, IEnumerable<string> lines)
    {
        var file = Path.Combine(folder, service + ".jsonl");
        await File.WriteAllLinesAsync(file, lines, new UTF8Encoding(false));
        var (exitCode, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets, SendRuns.Arguments(emulator, service, file, outbox));
        Assert.True(exitCode == 0, $"send {service}: exit {exitCode}\n{output}\n{error}\n{emulator.Errors}");
    }

    /// <summary>Changes the emulator's store directly, as a service's own operators (or a fault) would, while it runs.</summary>
    public static void Edit(EmulatorProcess emulator, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = emulator.Database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.True(command.ExecuteNonQuery() > 0, $"the store edit changed nothing: {sql}");
    }

    /// <summary><c>verify SERVICE --url URL --outbox OUTBOX --load-delay 0 --json EXTRA</c>: exit code, findings as (kind, subject), the parsed output.</summary>
    public static async Task<Verification> VerifyAsync(string url, string service, string outbox, IReadOnlyDictionary<string, string>? environment = null, params string[] extra)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(environment ?? EmulatorProcess.Secrets, ["verify", service, "--url", url, "--outbox", outbox, "--load-delay", "00:00:00", "--json", .. extra]);
        if (exitCode is not (0 or 2))
        {
            return new Verification(exitCode, [], [], null, output + error);
        }

        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var findings = root.GetProperty("findings").EnumerateArray()
            .Select(finding => (finding.GetProperty("kind").GetString()!, finding.GetProperty("subject").GetString()!)).ToList();
        var notes = root.GetProperty("notes").EnumerateArray().Select(note => note.GetString()!).ToList();
        // The JSON leaves out null members: no "fix" without --fix.
        (int, int)? fix = root.TryGetProperty("fix", out var done) ? (done.GetProperty("requeued").GetInt32(), done.GetProperty("cleared").GetArrayLength()) : null;
        return new Verification(exitCode, findings, notes, fix, output + error);
    }

    /// <summary><c>outbox flush --api API --url URL</c>: sends what <c>verify --fix</c> re-queued; must leave nothing waiting.</summary>
    public static async Task FlushAsync(string url, string api, string outbox)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets, "outbox", "flush", "--outbox", outbox, "--api", api, "--url", url, "--no-progress");
        Assert.True(exitCode == 0, $"outbox flush: exit {exitCode}\n{output}\n{error}");
    }
}

/// <summary>One <c>verify</c> run: its exit code, its findings as (kind, subject) in output order, its notes, what --fix did, and its text for failure messages.</summary>
internal sealed record Verification(int ExitCode, IReadOnlyList<(string Kind, string Subject)> Findings, IReadOnlyList<string> Notes, (int Requeued, int Cleared)? Fix, string Text)
{
    /// <summary>Asserts the findings are exactly <paramref name="expected"/>, each once (order free).</summary>
    public void HasExactly(params (string Kind, string Subject)[] expected)
    {
        var sorted = Findings.Order().ToList();
        Assert.True(sorted.SequenceEqual(expected.Order()), $"expected:\n  {string.Join("\n  ", expected.Order())}\ngot:\n  {string.Join("\n  ", sorted)}\n{Text}");
        Assert.Equal(expected.Length == 0 ? 0 : 2, ExitCode);
    }
}
