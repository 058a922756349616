using System.Text;
using UsageSchema.Cli.Tests.EndToEnd;

namespace UsageSchema.Cli.Tests.Hostile;

/// <summary>
/// Real <c>usage-schema</c> processes against hostile servers on loopback (issue 13): no key or record
/// follows a redirect, nothing but the documented success counts as delivered, answers are read up to
/// a limit, and key files are checked before anything is sent.
/// </summary>
/// <remarks>Linux only: key-file modes, and peak memory from <c>/proc</c>.</remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostileServerTests : IDisposable
{
    private const string AmieKey = "amie-hostile-key-5c1b9e77d2";
    private const string PerseusToken = "perseus-hostile-token-0a9f3e";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _folder = Directory.CreateTempSubdirectory("usage-schema-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task A_redirect_to_another_port_gets_no_connection_no_key_no_record_and_the_entry_stays_pending(int status)
    {
        await using var other = HostileServer.Start(_ => HostileAnswer.Text(200, "OK", "application/json", "{\"Message\":\"1 records have been queued for loading.\"}"));
        var location = new Uri(other.BaseAddress, "api/v1/usage").AbsoluteUri;
        await using var server = HostileServer.Start(_ => HostileAnswer.Redirect(status, location));

        var (exitCode, output, error) = await SendAmieAsync(server);

        Assert.Equal(0, other.Connections);
        Assert.Equal(3, exitCode);
        Assert.Contains(location, output + error, StringComparison.Ordinal);
        // Each outbox batch (a pass tries a few before it gives up) is one request: the client follows nothing and retries nothing.
        Assert.InRange(server.Requests.Count, 1, 3);
        Assert.All(server.Requests, request => Assert.Equal("/api/v1/usage", request.Target));
        Assert.Equal(AmieKey, server.Requests[0].Headers[UsageSchema.Amie.AmieUsageOperations.SecuritySchemes.XaApiKey]);
        Assert.Equal(1, (await SendRuns.OutboxCountsAsync(Outbox, "amie")).GetValueOrDefault("pending"));
        Assert.DoesNotContain(AmieKey, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_proxy_redirect_is_not_followed_to_its_html_page()
    {
        await using var server = HostileServer.Start(request => request.Target.StartsWith("/login", StringComparison.Ordinal)
            ? HostileAnswer.Text(200, "OK", "text/html", "<html><body><form>Sign in</form></body></html>")
            : HostileAnswer.Redirect(302, "/login?next=/api/v1/usage"));

        var (exitCode, output, error) = await SendAmieAsync(server);

        Assert.Equal(3, exitCode);
        Assert.DoesNotContain(server.Requests, request => request.Target.StartsWith("/login", StringComparison.Ordinal));
        Assert.Contains("/login?next=/api/v1/usage", output + error, StringComparison.Ordinal);
        Assert.Equal(1, (await SendRuns.OutboxCountsAsync(Outbox, "amie")).GetValueOrDefault("pending"));
    }

    [Theory]
    [InlineData("text/html", "<!DOCTYPE html><html><head><title>Sign in</title></head></html>", "text/html")]
    [InlineData("application/json", "", "empty body")]
    public async Task A_200_that_is_not_the_documented_answer_is_not_delivered(string contentType, string body, string named)
    {
        await using var server = HostileServer.Start(_ => HostileAnswer.Text(200, "OK", contentType, body));

        var (exitCode, output, error) = await SendAmieAsync(server);

        Assert.Equal(3, exitCode);
        Assert.Contains(named, output + error, StringComparison.Ordinal);
        Assert.Equal(1, (await SendRuns.OutboxCountsAsync(Outbox, "amie")).GetValueOrDefault("pending"));
        Assert.Equal(0, (await SendRuns.OutboxCountsAsync(Outbox, "amie")).GetValueOrDefault("delivered"));
    }

    [Fact]
    public async Task A_perseus_result_false_is_not_delivered_and_its_message_is_shown()
    {
        await using var server = HostileServer.Start(_ => HostileAnswer.Text(200, "OK", "application/json", "{\"result\": false, \"detail\": \"compute project is closed\"}"));
        var file = Path.Combine(_folder, "perseus.jsonl");
        RecordFiles.Perseus(file, keys: 1, versions: 1, invalidEvery: 0);

        var (exitCode, output, error) = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["USAGE_SCHEMA_PERSEUS_TOKEN"] = PerseusToken },
            "send", "perseus", file, "--url", new Uri(server.BaseAddress, "api").AbsoluteUri, "--outbox", Outbox, "--no-progress", "--retries", "0");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("compute project is closed", output + error, StringComparison.Ordinal);
        Assert.Equal(0, (await SendRuns.OutboxCountsAsync(Outbox, "perseus")).GetValueOrDefault("delivered"));
        Assert.Equal(PerseusToken, server.Requests[0].Headers[UsageSchema.Perseus.PerseusOperations.SecuritySchemes.PerseusToken]);
    }

    [Fact]
    public async Task An_endless_answer_is_read_up_to_the_limit_once_and_memory_stays_bounded()
    {
        await using var server = HostileServer.Start(_ => HostileAnswer.EndlessBody("application/json"));

        var (exitCode, output, error, peakKiB) = await HostileProcess.RunMeasuredAsync(null, AmieArguments(server, "--retries", "2"));

        Assert.Equal(3, exitCode);
        Assert.Contains("more than 4194304 bytes", output + error, StringComparison.Ordinal);

        // Not retried by the client (--retries 2 would make it 3 requests a batch): one request per outbox
        // batch, and a pass gives up after 3 batches without progress. The server stops when the client
        // closes: per request the 4 MiB read, what the handler drains on closing and the sockets'
        // buffers, nowhere near the gigabytes it would send.
        Assert.InRange(server.Requests.Count, 1, 3);
        Assert.InRange(server.BytesWritten, 4L * 1024 * 1024, server.Requests.Count * 24L * 1024 * 1024);
        Assert.InRange(peakKiB, 1, 400 * 1024);
        Assert.Equal(1, (await SendRuns.OutboxCountsAsync(Outbox, "amie")).GetValueOrDefault("pending"));
    }

    [Fact]
    public async Task A_key_file_with_a_second_line_is_refused_before_any_connection()
    {
        await using var server = HostileServer.Start(_ => HostileAnswer.Text(200, "OK", "application/json", "{\"Message\":\"ok\"}"));
        var key = WriteKey(AmieKey + "\n# rotated 2024-05\n", OwnerOnly);

        var (exitCode, output, error) = await SendAmieAsync(server, key);

        Assert.Equal(64, exitCode);
        Assert.Equal(0, server.Connections);
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.Contains("more than one line", error, StringComparison.Ordinal);
        Assert.DoesNotContain("rotated", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(AmieKey, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_file_of_mode_0644_is_refused_before_any_connection()
    {
        await using var server = HostileServer.Start(_ => HostileAnswer.Text(200, "OK", "application/json", "{\"Message\":\"ok\"}"));
        var key = WriteKey(AmieKey + "\n", OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exitCode, output, error) = await SendAmieAsync(server, key);

        Assert.Equal(64, exitCode);
        Assert.Equal(0, server.Connections);
        Assert.Contains("has mode 0644", error, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 '{key}'", error, StringComparison.Ordinal);
        Assert.DoesNotContain(AmieKey, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_echoed_in_an_error_body_is_scrubbed_whole_and_in_part_and_escapes_are_removed()
    {
        await using var server = HostileServer.Start(_ => HostileAnswer.Text(401, "Unauthorized", "application/json",
            $"{{\"error\": \"\\u001b[31minvalid key {AmieKey} (starts {AmieKey[..10]})\\u001b[0m\"}}"));

        var (exitCode, output, error) = await SendAmieAsync(server);

        Assert.Equal(3, exitCode);
        Assert.Contains("invalid key ***", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(AmieKey[..8], output + error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output + error);
    }

    [Fact]
    public async Task Clear_failed_with_a_dot_dot_id_sends_nothing()
    {
        await using var server = HostileServer.Start(_ => HostileAnswer.Text(204, "No Content", null!, ""));

        var (exitCode, _, error) = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["USAGE_SCHEMA_AMIE_API_KEY"] = AmieKey },
            "clear-failed", "--id", "..", "--url", new Uri(server.BaseAddress, "api/v1/").AbsoluteUri, "--site", "PSC");

        Assert.Equal(64, exitCode);
        Assert.Equal(0, server.Connections);
        Assert.Contains("FailedRecordID #1 is '..'", error, StringComparison.Ordinal);
    }

    private string Outbox => Path.Combine(_folder, "outbox.db");

    private string WriteKey(string contents, UnixFileMode mode)
    {
        var path = Path.Combine(_folder, "amie-" + Guid.NewGuid().ToString("N") + ".key");
        File.WriteAllText(path, contents, new UTF8Encoding(false));
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private string[] AmieArguments(HostileServer server, params string[] extra)
    {
        var file = Path.Combine(_folder, "amie.jsonl");
        if (!File.Exists(file))
        {
            RecordFiles.Amie(file, count: 1, invalidEvery: 0);
        }

        var key = Path.Combine(_folder, "amie.key");
        if (!File.Exists(key))
        {
            File.WriteAllText(key, AmieKey + "\n");
            File.SetUnixFileMode(key, OwnerOnly);
        }

        return ["send", "amie", file, "--url", new Uri(server.BaseAddress, "api/v1/").AbsoluteUri, "--site", "PSC", "--key-file", key, "--outbox", Outbox, "--no-progress", .. extra];
    }

    private Task<(int ExitCode, string Output, string Error)> SendAmieAsync(HostileServer server, string? keyFile = null)
    {
        var arguments = AmieArguments(server, "--retries", "0");
        if (keyFile is not null)
        {
            arguments[Array.IndexOf(arguments, "--key-file") + 1] = keyFile;
        }

        return CliProcess.RunAsync(arguments);
    }
}
