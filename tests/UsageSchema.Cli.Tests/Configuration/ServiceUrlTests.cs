using System.Text.Json;

namespace UsageSchema.Cli.Tests.Configuration;

/// <summary>
/// No URL is a usage error naming the setting to add, never a silent delivery to a throwaway emulator,
/// even when the configuration names a real outbox; the emulator is used only with <c>--emulator</c>.
/// </summary>
public sealed class ServiceUrlTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("usage-schema-no-url-");

    public void Dispose() => _dir.Delete(recursive: true);

    public static TheoryData<string, string[]> CommandsThatNeedAService() => new()
    {
        { "amie", ["send", "amie", CliProcess.Fixture("compute-message.json"), "--no-progress"] },
        { "amie", ["send", "amie", CliProcess.Fixture("compute-message.json"), "--direct"] },
        { "perseus", ["send", "perseus", CliProcess.Fixture("mixed.jsonl"), "--no-progress"] },
        { "gateway", ["send", "gateway", CliProcess.Fixture("gateway-jobs.csv"), "--no-progress"] },
        { "amie", ["status"] },
        { "amie", ["failed"] },
        { "amie", ["clear-failed"] },
        { "amie", ["verify", "amie"] },
        { "gateway", ["verify", "gateway", "--grant", "TG-ABC123"] },
        { "perseus", ["verify", "perseus"] },
        { "amie", ["report", "--api", "amie", "--html", "report.html"] },
        { "perseus", ["report", "--api", "perseus", "--html", "report.html"] },
    };

    [Theory]
    [MemberData(nameof(CommandsThatNeedAService))]
    public async Task Without_a_url_the_command_fails_naming_the_option_the_variable_and_the_config_key(string service, string[] args)
    {
        // A cron job's configuration names a real outbox; the service's URL came from the environment, which it lost.
        var config = Config(new { outbox = "outbox.db" });

        var (exitCode, output, error) = await CliProcess.RunAsync([.. args, "--config", config]);

        Assert.True(exitCode == ExitCodes.UsageError, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains($"No {service} URL, so nothing was sent", error, StringComparison.Ordinal);
        Assert.Contains("--url URL", error, StringComparison.Ordinal);
        Assert.Contains($"USAGE_SCHEMA_{service.ToUpperInvariant()}_URL", error, StringComparison.Ordinal);
        Assert.Contains($"{service}.url", error, StringComparison.Ordinal);
        Assert.Contains(config, error, StringComparison.Ordinal);
        Assert.DoesNotContain("emulator at", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "outbox.db")), "the configured outbox is not touched");
    }

    [Fact]
    public async Task Outbox_flush_for_a_service_without_a_url_fails_naming_the_setting()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync("outbox", "flush", "--api", "perseus", "--config", Config(new { outbox = "outbox.db" }));

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("No perseus URL", error, StringComparison.Ordinal);
        Assert.Contains("--api perseus --url URL", error, StringComparison.Ordinal);
        Assert.Contains("USAGE_SCHEMA_PERSEUS_URL", error, StringComparison.Ordinal);
        Assert.Contains("perseus.url", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("failed")]
    [InlineData("clear-failed")]
    public async Task With_emulator_the_amie_commands_use_an_embedded_emulator_and_say_so(string command)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(command, "--emulator");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("--emulator: using an embedded in-memory emulator", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_emulator_send_delivers_to_it_and_leaves_the_configured_outbox_alone()
    {
        var config = Config(new { outbox = "outbox.db" });

        var (exitCode, output, error) = await CliProcess.RunAsync("send", "amie", CliProcess.Fixture("compute-message.json"), "--emulator", "--config", config, "--no-progress");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("2 accepted", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "outbox.db")), "a real outbox never feeds a throwaway emulator");
    }

    [Fact]
    public async Task The_emulator_is_not_taken_from_the_environment()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync(new Dictionary<string, string> { ["USAGE_SCHEMA_AMIE_URL"] = "emulator:" }, "status");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("is not an absolute http(s) URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_and_url_together_are_refused()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync("status", "--emulator", "--url", "http://127.0.0.1:9/amie/api/v1/");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("--emulator and --url exclude each other", error, StringComparison.Ordinal);
    }

    private string Config(object settings)
    {
        var path = Path.Combine(_dir.FullName, "config.json");
        File.WriteAllText(path, JsonSerializer.Serialize(settings));
        return path;
    }
}
