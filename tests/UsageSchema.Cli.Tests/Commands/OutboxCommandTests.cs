using System.Globalization;
using System.Text.Json;
using UsageSchema.Amie.Sending;
using UsageSchema.Emulator;
using UsageSchema.Secrets;

namespace UsageSchema.Cli.Tests.Commands;

/// <summary>
/// <c>send</c> with a configuration file, and <c>outbox list|flush|purge</c>, as processes against an
/// emulator on loopback (hosted here, so its faults can be switched between commands).
/// </summary>
public sealed class OutboxCommandTests : IAsyncLifetime, IDisposable
{
    private const string Key = "amie-key-never-printed";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("usage-schema-outbox-cli-");
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { StoragePath = EmulatorOptions.InMemoryStorage, AmieApiKey = Key, AmieLoadDelay = TimeSpan.Zero });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Send_takes_service_key_file_and_outbox_from_the_configuration_file()
    {
        var config = Config();
        var records = Records(40);

        var (exitCode, output, error) = await CliProcess.RunAsync("send", "amie", records, "--config", config, "--no-progress");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("40 valid record(s) to send, 40 accepted, 0 problem(s)", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, output + error, StringComparison.Ordinal);
        Assert.Equal(40, await LoadedAsync());
        var list = await ListAsync(config);
        Assert.Equal(40, Count(list, "amie", "delivered"));
    }

    [Fact]
    public async Task What_an_outage_left_in_the_outbox_is_sent_by_flush_and_not_again_by_a_rerun()
    {
        var config = Config();
        var records = Records(25);
        _emulator.Faults.Services = new HashSet<UsageApi> { UsageApi.Amie };
        _emulator.Faults.ErrorRate = 1;

        var (down, downOutput, _) = await CliProcess.RunAsync("send", "amie", records, "--config", config, "--retries", "0", "--no-progress");

        Assert.Equal(ExitCodes.ServiceError, down);
        Assert.Contains("25 record(s) are not delivered yet and stay in the outbox", downOutput, StringComparison.Ordinal);
        Assert.Equal(25, Count(await ListAsync(config), "amie", "pending"));
        _emulator.Faults.Reset();
        Assert.Equal(0, await LoadedAsync());

        var (flushed, flushOutput, flushError) = await CliProcess.RunAsync("outbox", "flush", "--config", config, "--no-progress");

        Assert.True(flushed == 0, $"exit {flushed}\n{flushOutput}\n{flushError}");
        Assert.Contains("amie: 25 waiting; 25 delivered, 0 rejected, 0 released to retry; 0 left", flushOutput, StringComparison.Ordinal);
        Assert.Equal(25, await LoadedAsync());

        var (again, againOutput, _) = await CliProcess.RunAsync("send", "amie", records, "--config", config, "--no-progress");
        Assert.Equal(0, again);
        Assert.Contains("25 delivered before (not sent again)", againOutput, StringComparison.Ordinal);
        Assert.Equal(25, await LoadedAsync());
        Assert.Empty(await Sender().GetFailedRecordsAsync());
    }

    [Fact]
    public async Task Flush_without_a_url_for_a_waiting_service_is_a_usage_error_naming_the_setting_and_sends_nothing()
    {
        var outbox = Path.Combine(_dir.FullName, "orphan.db");
        _emulator.Faults.Services = new HashSet<UsageApi> { UsageApi.Amie };
        _emulator.Faults.ErrorRate = 1;
        var url = new Dictionary<string, string> { ["USAGE_SCHEMA_AMIE_URL"] = _emulator.AmieBaseAddress.ToString(), ["USAGE_SCHEMA_AMIE_API_KEY"] = Key, ["USAGE_SCHEMA_AMIE_SITE"] = _emulator.Options.AmieSiteName };
        Assert.Equal(ExitCodes.ServiceError, (await CliProcess.RunAsync(url, "send", "amie", Records(3), "--outbox", outbox, "--retries", "0", "--no-progress")).ExitCode);

        var (exitCode, output, error) = await CliProcess.RunAsync("outbox", "flush", "--outbox", outbox);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("amie: 3 waiting, not sent: No amie URL", output, StringComparison.Ordinal);
        foreach (var setting in new[] { "--api amie --url URL", "USAGE_SCHEMA_AMIE_URL", "amie.url" })
        {
            Assert.Contains(setting, error, StringComparison.Ordinal);
        }

        var (list, listOutput, _) = await CliProcess.RunAsync("outbox", "list", "--outbox", outbox, "--json");
        Assert.Equal(0, list);
        using var document = JsonDocument.Parse(listOutput);
        Assert.Equal(3, Count(document.RootElement, "amie", "pending"));
    }

    [Fact]
    public async Task Purge_deletes_delivered_entries_and_needs_to_be_told_what()
    {
        var config = Config();
        Assert.Equal(0, (await CliProcess.RunAsync("send", "amie", Records(5), "--config", config, "--no-progress")).ExitCode);

        var (unsaid, _, unsaidError) = await CliProcess.RunAsync("outbox", "purge", "--config", config);
        var (exitCode, output, _) = await CliProcess.RunAsync("outbox", "purge", "--config", config, "--delivered", "--rejected");

        Assert.Equal(ExitCodes.UsageError, unsaid);
        Assert.Contains("--delivered", unsaidError, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.Contains("purged 5 delivered and 0 rejected entries", output, StringComparison.Ordinal);
        Assert.Empty((await ListAsync(config)).GetProperty("counts").EnumerateArray());
    }

    [Fact]
    public async Task An_outbox_named_on_the_command_line_is_never_fed_by_the_emulator()
    {
        var outbox = Path.Combine(_dir.FullName, "x.db");

        var (exitCode, _, error) = await CliProcess.RunAsync("send", "amie", Records(1), "--outbox", outbox, "--emulator");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("--outbox cannot be used with --emulator", error, StringComparison.Ordinal);
        Assert.False(File.Exists(outbox));
    }

    private string Config()
    {
        var keyFile = Path.Combine(_dir.FullName, "amie.key");
        File.WriteAllText(keyFile, Key + "\n");

        // A key file must be its owner's alone (SecretReader refuses one that group or others may read).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var path = Path.Combine(_dir.FullName, "usage-schema.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            outbox = "outbox.db",
            amie = new { url = _emulator.AmieBaseAddress.ToString(), site = _emulator.Options.AmieSiteName, keyFile = "amie.key" },
        }));
        return path;
    }

    private string Records(int count)
    {
        var path = Path.Combine(_dir.FullName, $"records-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, Enumerable.Range(1, count).Select(index => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["UsageType"] = "Compute", ["Username"] = "jdoe", ["LocalProjectID"] = "csd123",
            ["LocalRecordID"] = "job-" + index.ToString(CultureInfo.InvariantCulture), ["Resource"] = "expanse.sdsc.access-ci.org",
            ["SubmitTime"] = "2024-03-01T08:15:00-08:00", ["StartTime"] = "2024-03-01T08:20:00-08:00", ["EndTime"] = "2024-03-01T09:20:00-08:00",
            ["Charge"] = "1.5", ["Attributes"] = new Dictionary<string, object> { ["NodeCount"] = 1 },
        })));
        return path;
    }

    private static async Task<JsonElement> ListAsync(string config)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync("outbox", "list", "--config", config, "--json");
        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static long Count(JsonElement list, string api, string state) =>
        list.GetProperty("counts").EnumerateArray()
            .Where(count => count.GetProperty("api").GetString() == api && count.GetProperty("state").GetString() == state)
            .Sum(count => count.GetProperty("count").GetInt64());

    private AmieUsageSender Sender() => new(new HttpClient(), new AmieClientOptions { BaseAddress = _emulator.AmieBaseAddress, SiteName = _emulator.Options.AmieSiteName, ApiKey = new Secret(Key) });

    private async Task<long> LoadedAsync() => (await Sender().GetStatusAsync()).Sum(status => status.LoadedRecordCount);
}
