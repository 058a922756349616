using System.Diagnostics;
using System.Text.Json;
using UsageSchema.Cli.Configuration;
using UsageSchema.Secrets;

namespace UsageSchema.Cli.Tests.Configuration;

/// <summary>
/// A configuration file someone else could have written is refused by the real <c>usage-schema</c> process
/// before anything is sent: the loopback listener its <c>url</c> names sees no connection.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PlantedConfigurationTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Readable = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("usage-schema-planted-");
    private readonly ConnectionCounter _listener = new();

    public void Dispose()
    {
        _listener.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task A_config_group_or_others_may_write_is_refused_with_its_path_and_the_fix_and_nothing_is_sent()
    {
        var config = WriteConfig(_dir.FullName, Readable | UnixFileMode.GroupWrite);

        var (exitCode, output, error) = await CliProcess.RunAsync("send", "amie", CliProcess.Fixture("compute-message.json"), "--config", config, "--no-progress");

        Assert.True(exitCode == ExitCodes.UsageError, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains($"The configuration file {config} has mode 0664", error, StringComparison.Ordinal);
        Assert.Contains($"chmod go-w {config}", error, StringComparison.Ordinal);
        Assert.Equal(0, await _listener.ConnectionsAsync());
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "outbox.db")), "nothing is written to the configured outbox");
    }

    [Fact]
    public async Task The_same_config_when_only_its_owner_may_write_it_is_used_and_reaches_its_url()
    {
        // The control: the listener does count a CLI that follows the configuration.
        var config = WriteConfig(_dir.FullName, Readable);

        var (exitCode, output, error) = await CliProcess.RunAsync("status", "--config", config, "--retries", "0");

        Assert.True(exitCode == ExitCodes.ServiceError, $"exit {exitCode}\n{output}\n{error}");
        Assert.True(await _listener.ConnectionsAsync() >= 1);
    }

    [Fact]
    public async Task A_config_writable_by_others_is_refused()
    {
        var config = WriteConfig(_dir.FullName, Readable | UnixFileMode.OtherWrite);

        var (exitCode, _, error) = await CliProcess.RunAsync("status", "--config", config);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains($"chmod go-w {config}", error, StringComparison.Ordinal);
        Assert.Equal(0, await _listener.ConnectionsAsync());
    }

    [Fact]
    public async Task A_config_owned_by_another_user_is_refused_even_for_root()
    {
        if (UnixFileStatus.EffectiveUserId() != 0)
        {
            return; // Only root can give a file to another user; CI runs as root, so this runs there.
        }

        var config = WriteConfig(_dir.FullName, Readable);
        await RunAsync("chown", "nobody", config);

        var (exitCode, output, error) = await CliProcess.RunAsync("status", "--config", config);

        Assert.True(exitCode == ExitCodes.UsageError, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains($"The configuration file {config} is owned by user id", error, StringComparison.Ordinal);
        Assert.Contains("not by you (user id 0) or root", error, StringComparison.Ordinal);
        Assert.Equal(0, await _listener.ConnectionsAsync());
    }

    [Fact]
    public async Task A_config_in_a_directory_others_may_write_is_refused_naming_the_directory()
    {
        var shared = Directory.CreateDirectory(Path.Combine(_dir.FullName, "shared")).FullName;
        File.SetUnixFileMode(shared, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var config = WriteConfig(shared, Readable);

        var (exitCode, _, error) = await CliProcess.RunAsync("status", "--config", config);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains($"The directory {shared} that holds the configuration file {config} has mode 0775", error, StringComparison.Ordinal);
        Assert.Contains($"chmod go-w {shared}", error, StringComparison.Ordinal);
        Assert.Equal(0, await _listener.ConnectionsAsync());
    }

    [Fact]
    public async Task The_users_own_config_directory_is_checked_too()
    {
        var home = Directory.CreateDirectory(Path.Combine(_dir.FullName, "xdg")).FullName;
        var config = WriteConfig(Directory.CreateDirectory(Path.Combine(home, "usage-schema")).FullName, Readable | UnixFileMode.GroupWrite, "config.json");

        var (exitCode, _, error) = await CliProcess.RunAsync(new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = home }, "status");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains($"chmod go-w {config}", error, StringComparison.Ordinal);
        Assert.Equal(0, await _listener.ConnectionsAsync());
    }

    [Fact]
    public async Task A_usage_schema_json_in_the_working_directory_is_not_read()
    {
        var workingDirectory = Directory.CreateDirectory(Path.Combine(_dir.FullName, "cwd")).FullName;
        var planted = WriteConfig(workingDirectory, Readable, CliConfigLoader.LocalFileName);
        var environment = new Dictionary<string, string> { ["USAGE_SCHEMA_AMIE_API_KEY"] = "a-key-for-nobody" };

        var (exitCode, output, error) = await CliProcess.RunInAsync(workingDirectory, environment, "status", "--retries", "0");

        Assert.True(exitCode == ExitCodes.UsageError, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("No amie URL", error, StringComparison.Ordinal);
        Assert.Contains($"{planted} is not read", error, StringComparison.Ordinal);
        Assert.Equal(0, await _listener.ConnectionsAsync());
    }

    [Fact]
    public async Task A_key_file_named_by_the_config_goes_through_the_key_file_checks()
    {
        var keyFile = Path.Combine(_dir.FullName, "gateway.key");
        File.WriteAllText(keyFile, "apikey=readable-by-everyone\n");
        File.SetUnixFileMode(keyFile, Readable);
        var config = Path.Combine(_dir.FullName, "gateway.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new { gateway = new { url = _listener.GatewayUrl.ToString(), keyFile = "gateway.key" } }));

        var (exitCode, output, error) = await CliProcess.RunAsync("send", "gateway", CliProcess.Fixture("gateway-jobs.csv"), "--direct", "--config", config);

        Assert.True(exitCode == ExitCodes.UsageError, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains(keyFile, error, StringComparison.Ordinal);
        Assert.DoesNotContain("readable-by-everyone", output + error, StringComparison.Ordinal);
        Assert.Equal(0, await _listener.ConnectionsAsync());
    }

    /// <summary>A configuration whose AMIE URL is the listener, with an owner-only key file beside it.</summary>
    private string WriteConfig(string directory, UnixFileMode mode, string name = "usage-schema-config.json")
    {
        var keyFile = Path.Combine(directory, "amie.key");
        File.WriteAllText(keyFile, "amie-key\n");
        File.SetUnixFileMode(keyFile, OwnerReadWrite);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            outbox = Path.Combine(_dir.FullName, "outbox.db"),
            amie = new { url = _listener.AmieUrl.ToString(), site = "PSC", keyFile = keyFile },
        }));
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
