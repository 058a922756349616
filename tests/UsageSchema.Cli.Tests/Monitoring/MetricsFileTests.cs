using UsageSchema.Cli.Tests.EndToEnd;
using static UsageSchema.Cli.Tests.Monitoring.PrometheusText;

namespace UsageSchema.Cli.Tests.Monitoring;

/// <summary>
/// <c>--metrics-file</c> with the real CLI process against the real emulator: the file node_exporter
/// would read after a successful run, and after a failed one (which keeps the last success time).
/// </summary>
public sealed class MetricsFileTests
{
    private static readonly string[] NoRetries = ["--retries", "0", "--timeout", "10"];

    [Fact]
    public async Task A_successful_run_then_a_failed_one_write_what_an_alert_needs()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var file = Path.Combine(emulator.Folder, "amie.jsonl");
        RecordFiles.Amie(file, 5, invalidEvery: 0);
        var metrics = Path.Combine(emulator.Folder, "usage_schema.prom");

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var (exit, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets,
            [.. SendRuns.Arguments(emulator, "amie", file, Path.Combine(emulator.Folder, "good.db"), NoRetries), "--metrics-file", metrics]);

        Assert.True(exit == ExitCodes.Success, $"exit {exit}\n{output}\n{error}");
        var first = Parse(await File.ReadAllTextAsync(metrics));
        var lastRun = Single(first, "usage_schema_last_run_timestamp_seconds");
        Assert.InRange(lastRun, before - 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 + 1);
        Assert.Equal(lastRun, Single(first, "usage_schema_last_success_timestamp_seconds"));
        Assert.Equal(0, Single(first, "usage_schema_last_run_exit_code"));
        Assert.Equal(5, Records(first, "amie", "delivered"));
        Assert.Equal(5, Records(first, "amie", "sent"));
        Assert.Equal(0, Records(first, "amie", "rejected"));
        Assert.Equal(0, Outbox(first, "usage_schema_outbox_depth", "amie")); // all delivered
        Assert.Equal(0, Outbox(first, "usage_schema_outbox_oldest_pending_age_seconds", "amie"));
        Assert.Equal(0, Outbox(first, "usage_schema_outbox_depth", "perseus"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(metrics));
        }

        var wrongUrl = new Uri(emulator.BaseAddress, "/wrong-prefix" + emulator.Amie.AbsolutePath).AbsoluteUri;
        var (failedExit, failedOutput, failedError) = await CliProcess.RunAsync(EmulatorProcess.Secrets,
            ["send", "amie", file, "--url", wrongUrl, "--outbox", Path.Combine(emulator.Folder, "bad.db"), "--no-progress", .. NoRetries, "--metrics-file", metrics]);

        Assert.True(failedExit == ExitCodes.ServiceError, $"exit {failedExit}\n{failedOutput}\n{failedError}");
        var second = Parse(await File.ReadAllTextAsync(metrics));
        Assert.Equal(3, Single(second, "usage_schema_last_run_exit_code"));
        Assert.Equal(lastRun, Single(second, "usage_schema_last_success_timestamp_seconds"));
        Assert.True(Single(second, "usage_schema_last_run_timestamp_seconds") >= lastRun);
        Assert.Equal(0, Records(second, "amie", "delivered"));
        Assert.Equal(5, Records(second, "amie", "released"));
        Assert.Equal(5, Outbox(second, "usage_schema_outbox_depth", "amie")); // released: waiting in bad.db
        Assert.InRange(Outbox(second, "usage_schema_outbox_oldest_pending_age_seconds", "amie"), 0, 600);
        Assert.Empty(Directory.GetFiles(emulator.Folder, "*.tmp"));
        Assert.DoesNotContain(EmulatorProcess.AmieKey, await File.ReadAllTextAsync(metrics), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_still_writes_the_file_with_exit_64_and_no_success_time()
    {
        var folder = Directory.CreateTempSubdirectory("usage-schema-metrics-");
        try
        {
            var metrics = Path.Combine(folder.FullName, "usage_schema.prom");

            var (exit, _, _) = await CliProcess.RunAsync("--metrics-file", metrics, "send", "amie");

            Assert.Equal(ExitCodes.UsageError, exit);
            var samples = Parse(await File.ReadAllTextAsync(metrics));
            Assert.Equal(64, Single(samples, "usage_schema_last_run_exit_code"));
            Assert.DoesNotContain(samples, sample => sample.Name == "usage_schema_last_success_timestamp_seconds");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_command_without_an_outbox_writes_no_outbox_series()
    {
        var folder = Directory.CreateTempSubdirectory("usage-schema-metrics-");
        try
        {
            var metrics = Path.Combine(folder.FullName, "usage_schema.prom");

            var (exit, _, _) = await CliProcess.RunAsync("--metrics-file", metrics, "validate", CliProcess.Fixture("compute-message.json"));

            Assert.Equal(ExitCodes.Success, exit);
            var samples = Parse(await File.ReadAllTextAsync(metrics));
            Assert.DoesNotContain(samples, sample => sample.Name.StartsWith("usage_schema_outbox_", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static double Single(IReadOnlyList<Sample> samples, string name) => Assert.Single(samples, sample => sample.Name == name).Value;

    private static double Outbox(IReadOnlyList<Sample> samples, string name, string api) =>
        Assert.Single(samples, sample => sample.Name == name && sample.Labels["api"] == api).Value;

    private static double Records(IReadOnlyList<Sample> samples, string api, string outcome) =>
        samples.SingleOrDefault(sample => sample.Name == "usage_schema_last_run_records" && sample.Labels["api"] == api && sample.Labels["outcome"] == outcome)?.Value ?? 0;
}
