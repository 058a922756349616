using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace UsageSchema.Outbox.Tests;

/// <summary>
/// The crash probe's whole cycle (enqueue, claim, mark delivered, in batches of 10,000) over 200,000
/// records, killed with SIGKILL at random points of each phase and rerun until it finishes: every
/// record ends stored once and delivered, and no kill loses a committed batch. The probe takes
/// <c>--records N</c>, so the bench runs the same cycle at 10,000,000.
/// </summary>
public sealed class ScaleCrashTests
{
    private const int RecordCount = 200_000;
    private const int BatchSize = 10_000;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Killed_at_random_moments_of_a_200000_record_cycle_every_record_ends_stored_once_and_delivered()
    {
        using var dir = new TempDir();
        var database = dir.File();
        var seed = Environment.TickCount;
        var random = new Random(seed);

        // Where each killed run stops: in the enqueue phase (twice), then in the claim/mark phase (twice).
        (string Phase, long After)[] kills =
        [
            ("committed", random.Next(1, RecordCount / BatchSize) * BatchSize),
            ("committed", random.Next(1, RecordCount / BatchSize) * BatchSize),
            ("delivered", random.Next(1, RecordCount / BatchSize / 2) * BatchSize),
            ("delivered", random.Next(1, RecordCount / BatchSize / 2) * BatchSize),
        ];
        foreach (var (phase, after) in kills)
        {
            var run = await ProbeRun.StartAsync(database, phase, after, TimeSpan.FromMilliseconds(random.Next(0, 150)));
            var committed = run.Committed;
            Assert.False(run.Failed, $"seed {seed}: the probe failed: {run.Errors}");

            // Whatever the probe acknowledged survived the kill, and the file is sound.
            await using var outbox = SqliteUsageOutbox.Open(database);
            Assert.Equal("ok", await outbox.CheckIntegrityAsync());
            var stored = (await outbox.CountAsync()).Sum(count => count.Count);
            Assert.True(stored >= committed, $"seed {seed}: {stored} entries stored, {committed} acknowledged before the kill after {phase} {after}");
        }

        var last = await ProbeRun.StartAsync(database, phase: null, after: 0, TimeSpan.Zero);
        Assert.True(last.Done, $"seed {seed}: the last run did not finish: {last.Errors}");

        await using (var outbox = SqliteUsageOutbox.Open(database))
        {
            Assert.Equal([new OutboxCount(UsageApi.Amie, OutboxState.Delivered, RecordCount)], await outbox.CountAsync());
        }

        // Each record once: every probe key present, none twice, none foreign.
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dedupe_key, source FROM outbox_entries";
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                Assert.True(keys.Add(reader.GetString(0)), $"seed {seed}: {reader.GetString(0)} stored twice");
                Assert.StartsWith("probe line ", reader.GetString(1), StringComparison.Ordinal);
            }
        }

        Assert.Equal(RecordCount, keys.Count);
        Assert.All(Enumerable.Range(0, RecordCount), i => Assert.Contains($"[\"expanse.sdsc.access-ci.org\",\"probe-{i.ToString(CultureInfo.InvariantCulture)}\"]", keys));
    }

    /// <summary>One run of the probe's cycle, killed once <c>phase</c> reached <c>after</c> (plus a delay), or left to finish.</summary>
    private sealed class ProbeRun
    {
        private readonly Lock _lock = new();
        private readonly List<string> _errors = [];

        public long Committed { get; private set; }

        public bool Done { get; private set; }

        public bool Failed { get; private set; }

        public string Errors
        {
            get
            {
                lock (_lock)
                {
                    return string.Join('\n', _errors);
                }
            }
        }

        public static async Task<ProbeRun> StartAsync(string database, string? phase, long after, TimeSpan delay)
        {
            var run = new ProbeRun();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { CrashTests.ProbePath(), database, BatchSize.ToString(CultureInfo.InvariantCulture), "--records", RecordCount.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var probe = new Process { StartInfo = start };
            probe.OutputDataReceived += (_, line) =>
            {
                if (line.Data is not { } text)
                {
                    return;
                }

                lock (run._lock)
                {
                    if (text == "done")
                    {
                        run.Done = true;
                        return;
                    }

                    var space = text.IndexOf(' ', StringComparison.Ordinal);
                    var what = space > 0 ? text[..space] : text;
                    var count = space > 0 ? long.Parse(text[(space + 1)..], CultureInfo.InvariantCulture) : 0;
                    if (what == "committed")
                    {
                        run.Committed = Math.Max(run.Committed, count);
                    }

                    if (what == phase && count >= after)
                    {
                        reached.TrySetResult();
                    }
                }
            };
            probe.ErrorDataReceived += (_, line) =>
            {
                if (line.Data is { } text)
                {
                    lock (run._lock)
                    {
                        run._errors.Add(text);
                    }
                }
            };
            probe.Start();
            probe.BeginOutputReadLine();
            probe.BeginErrorReadLine();

            var exited = probe.WaitForExitAsync();
            var finished = await Task.WhenAny(reached.Task, exited, Task.Delay(TimeSpan.FromMinutes(5))); // a bound for a stuck probe, far above a run on a loaded CI machine
            if (finished == reached.Task)
            {
                await Task.Delay(delay);
                probe.Kill(entireProcessTree: true); // SIGKILL: no disposal, no checkpoint
            }
            else if (finished != exited)
            {
                probe.Kill(entireProcessTree: true);
                lock (run._lock)
                {
                    run._errors.Add("timed out after 5 minutes");
                }
            }

            await probe.WaitForExitAsync();
            lock (run._lock)
            {
                // A run left to finish, or one that finished before its kill point, ends with exit code 0.
                run.Failed = finished == exited && probe.ExitCode != 0;
            }

            return run;
        }
    }
}
