using System.Text;

namespace UsageSchema.Cli.Tests.Configuration;

/// <summary>A URL of another service's host for a command's service: refused with exit 64 before a key is sent (issue 13).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KeyForAnotherServiceTests : IDisposable
{
    private const string AmieKey = "amie-key-for-another-host-51c0";
    private readonly string _folder = Directory.CreateTempSubdirectory("usage-schema-key-host-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("status")]
    [InlineData("failed")]
    [InlineData("verify amie")]
    public async Task The_amie_key_is_not_sent_to_the_gateways_host(string command)
    {
        var key = Path.Combine(_folder, "amie.key");
        await File.WriteAllTextAsync(key, AmieKey + "\n", new UTF8Encoding(false));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (exitCode, output, error) = await CliProcess.RunAsync(
            [.. command.Split(' '), "--url", "https://allocations-api.access-ci.org/acdb/", "--site", "PSC", "--key-file", key, "--retries", "0", .. command.StartsWith("verify", StringComparison.Ordinal) ? new[] { "--outbox", Path.Combine(_folder, "outbox.db") } : []]);

        Assert.True(exitCode == 64, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("allocations-api.access-ci.org, the host of the ACCESS Gateway Attributes API: the AMIE API key would be sent", error, StringComparison.Ordinal);
        Assert.DoesNotContain(AmieKey, output + error, StringComparison.Ordinal);
    }
}
