using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox.Tests;

public sealed class CrashTests
{
    private const int BatchSize = 10;

    internal static string ProbePath()
    {
        // tests/UsageSchema.Outbox.Tests/bin/<Configuration>/net10.0/ → the probe's same output folder.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var tests = output.Parent!.Parent!.Parent!.Parent!.FullName;
        var probe = Path.Combine(tests, "UsageSchema.Outbox.CrashProbe", "bin", configuration, output.Name, "UsageSchema.Outbox.CrashProbe.dll");
        Assert.True(File.Exists(probe), "The crash probe is not built: " + probe);
        return probe;
    }

    [Fact]
    public async Task A_process_killed_mid_write_leaves_the_file_consistent_with_every_committed_entry_intact()
    {
        using var dir = new TempDir();
        var database = dir.File();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProbePath());
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(BatchSize.ToString(CultureInfo.InvariantCulture));

        var committed = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var probe = new Process { StartInfo = start })
        {
            probe.OutputDataReceived += (_, line) =>
            {
                if (line.Data is { } text && text.StartsWith("committed ", StringComparison.Ordinal))
                {
                    var count = int.Parse(text["committed ".Length..], CultureInfo.InvariantCulture);
                    Volatile.Write(ref committed, count);
                    if (count >= 300)
                    {
                        enough.TrySetResult();
                    }
                }
            };
            probe.Start();
            probe.BeginOutputReadLine();
            probe.BeginErrorReadLine();
            var finished = await Task.WhenAny(enough.Task, probe.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
            Assert.True(finished == enough.Task, "The probe did not commit enough batches.");

            probe.Kill(entireProcessTree: true); // SIGKILL: no disposal, no checkpoint
            await probe.WaitForExitAsync();
        }

        var acknowledged = Volatile.Read(ref committed);
        await using var outbox = SqliteUsageOutbox.Open(database);
        Assert.Equal("ok", await outbox.CheckIntegrityAsync());
        var entries = await outbox.ListAsync(new OutboxQuery(Limit: int.MaxValue));

        // Everything acknowledged is there; a batch is all or nothing; nothing is torn.
        Assert.True(entries.Count >= acknowledged, $"{entries.Count} entries, {acknowledged} acknowledged");
        Assert.Equal(0, entries.Count % BatchSize);
        for (var i = 0; i < entries.Count; i++)
        {
            var record = JsonSerializer.Deserialize<ComputeUsageRecord>(entries[i].Payload, UsageJson.Options)!;
            Assert.Equal("probe-" + i.ToString(CultureInfo.InvariantCulture), record.LocalRecordId);
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture) + ".5", record.Charge);
            Assert.Equal(OutboxState.Pending, entries[i].State);
        }

        // And the file is still usable.
        Assert.Equal(EnqueueOutcome.Added, (await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("after-crash")))).Outcome);
    }
}
