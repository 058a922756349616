using System.Globalization;
using System.Text;

namespace UsageSchema.Cli.Tests.Hostile;

/// <summary>
/// The commands that read the services back (<c>verify</c>, <c>report --html</c>) against hostile servers on loopback,
/// as real <c>usage-schema</c> processes: no key follows a redirect, an answer that is not the documented one is a
/// service error, answers and paging are bounded, a slow body times out, and an echoed key is in no output or file.
/// </summary>
/// <remarks>Linux only: peak memory from <c>/proc</c>, key-file modes.</remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostileReadBackTests : IDisposable
{
    private const string AmieKey = "amie-readback-key-7d3e0c91b4";
    private const string GatewayKey = "gateway-readback-key-44a1f0";
    private const string LoadedPath = "/api/v1/usage/loaded";

    private readonly string _folder = Directory.CreateTempSubdirectory("usage-schema-hostile-readback-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Verify_amie_does_not_follow_a_redirect_of_usage_loaded_to_another_port(int status)
    {
        await using var other = HostileServer.Start(_ => HostileAnswer.Text(200, "OK", "application/json", "[]"));
        var location = new Uri(other.BaseAddress, "api/v1/usage/loaded").AbsoluteUri;
        await using var server = HostileServer.Start(_ => HostileAnswer.Redirect(status, location));

        var (exitCode, output, error) = await VerifyAmieAsync(server);

        Assert.Equal(0, other.Connections);
        Assert.Equal(3, exitCode);
        Assert.Contains(location, error, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.StartsWith(LoadedPath, server.Requests[0].Target, StringComparison.Ordinal);
        Assert.DoesNotContain(AmieKey, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_gateway_does_not_follow_a_redirect_of_its_read_back_to_another_port()
    {
        await using var other = HostileServer.Start(_ => HostileAnswer.Text(200, "OK", "application/json", "{\"message\":\"ok\",\"result\":[]}"));
        var location = new Uri(other.BaseAddress, UsageSchema.GatewayAttributes.GatewayAttributesOperations.GetJobsByProjectAndDates.RelativePath("TG-ABC123", "2024-01-01", "2024-01-02")).AbsoluteUri;
        await using var server = HostileServer.Start(_ => HostileAnswer.Redirect(302, location));

        var (exitCode, output, error) = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["USAGE_SCHEMA_GATEWAY_API_KEY"] = GatewayKey },
            "verify", "gateway", "--grant", "TG-ABC123", "--url", server.BaseAddress.AbsoluteUri, "--outbox", Outbox, "--retries", "0");

        Assert.Equal(0, other.Connections);
        Assert.Equal(3, exitCode);
        Assert.Contains(location, error, StringComparison.Ordinal);
        Assert.Contains(UsageSchema.GatewayAttributes.GatewayAttributesOperations.GetJobsByProjectAndDates.PathTemplate.Split('{')[0], Assert.Single(server.Requests).Target, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayKey, output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html", "<!DOCTYPE html><html><body><form action=\"/login\">Sign in</form></body></html>", "text/html")]
    [InlineData("application/json", "", "empty")]
    [InlineData("application/json", "{\"detail\": \"ok\", \"rows\": 3}", "a JSON array of loaded records")]
    public async Task Verify_amie_counts_no_answer_but_the_documented_one(string contentType, string body, string named)
    {
        await using var server = HostileServer.Start(_ => HostileAnswer.Text(200, "OK", contentType, body));

        var (exitCode, output, error) = await VerifyAmieAsync(server);

        Assert.Equal(3, exitCode);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("/usage/loaded", error, StringComparison.Ordinal);
        Assert.DoesNotContain("consistent", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Verify_amie_stops_when_the_service_answers_the_same_full_page_again()
    {
        // A service that ignores limit and offset: every page is the first one, full.
        var page = LoadedPage(0, 5_000);
        await using var server = HostileServer.Start(request => request.Target.StartsWith(LoadedPath, StringComparison.Ordinal)
            ? HostileAnswer.Text(200, "OK", "application/json", page)
            : HostileAnswer.Text(200, "OK", "application/json", "[]"));

        var (exitCode, _, error) = await VerifyAmieAsync(server);

        Assert.Equal(3, exitCode);
        Assert.Contains("ignores offset", error, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count(request => request.Target.StartsWith(LoadedPath, StringComparison.Ordinal)));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Verify_amie_reads_a_bounded_number_of_pages_from_a_service_that_pages_forever()
    {
        // Every page is full and new (the offset is honoured, the rows never end).
        await using var server = HostileServer.Start(request => request.Target.StartsWith(LoadedPath, StringComparison.Ordinal)
            ? HostileAnswer.Text(200, "OK", "application/json", LoadedPage(Offset(request.Target), 5_000))
            : HostileAnswer.Text(200, "OK", "application/json", "[]"));

        var (exitCode, _, error, peakKiB) = await HostileProcess.RunMeasuredAsync(null, VerifyAmieArguments(server));

        Assert.Equal(3, exitCode);
        Assert.Contains("200 full pages of 5000 rows", error, StringComparison.Ordinal);
        Assert.Equal(200, server.Requests.Count(request => request.Target.StartsWith(LoadedPath, StringComparison.Ordinal)));
        Assert.InRange(peakKiB, 1, 1024 * 1024);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_amie_reads_an_endless_or_hugely_announced_answer_up_to_the_limit_with_bounded_memory(bool announced)
    {
        await using var server = HostileServer.Start(_ => announced ? HostileAnswer.HugeContentLength("application/json") : HostileAnswer.EndlessBody("application/json"));

        var (exitCode, _, error, peakKiB) = await HostileProcess.RunMeasuredAsync(null, VerifyAmieArguments(server, "--retries", "2"));

        Assert.Equal(3, exitCode);
        Assert.Contains("more than 4194304 bytes", error, StringComparison.Ordinal);
        Assert.Single(server.Requests); // too large is not transient: not retried
        Assert.InRange(peakKiB, 1, 400 * 1024);
    }

    [Fact]
    public async Task Verify_amie_times_out_on_a_body_that_trickles_in()
    {
        await using var server = HostileServer.Start(_ => HostileAnswer.Trickle("application/json", TimeSpan.FromMilliseconds(200)));

        var (exitCode, _, error) = await CliProcess.RunAsync(VerifyAmieArguments(server, "--timeout", "1", "--retries", "0"));

        Assert.Equal(3, exitCode);
        Assert.Contains("/usage/loaded", error, StringComparison.Ordinal);
        Assert.Contains("time", error, StringComparison.OrdinalIgnoreCase);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Verify_amie_scrubs_a_key_echoed_with_terminal_escapes_from_its_text_and_json()
    {
        await using var server = EchoingServer();

        foreach (var json in new[] { false, true })
        {
            string[] arguments = json ? ["--json", .. VerifyAmieArguments(server)] : VerifyAmieArguments(server);
            var (exitCode, output, error) = await CliProcess.RunAsync(arguments);

            Assert.Equal(3, exitCode);
            Assert.Contains("***", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain(AmieKey[..8], output + error, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', output + error);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_amie_and_failed_print_no_terminal_control_from_the_rows_a_service_sends(bool json)
    {
        // Ids and times as a hostile service could send them: OSC retitle, CSI clear screen, C1 CSI, a bell.
        const string Loaded = "[{\"local_record_id\":\"job-1\\u001b]0;pwned\\u0007\",\"resource\":\"r\\u001b[2J\",\"loaded_time\":\"t\\u009b31m\",\"charge\":1}]";
        const string Failed = "{\"FailedRecords\":[{\"UsageType\":\"Compute\",\"FailedRecordID\":\"7\",\"Error\":\"bad\\u001b[31m red\\u0007\",\"LocalRecordID\":\"a\\u001b]0;x\\u0007\"}]}";
        await using var server = HostileServer.Start(request => HostileAnswer.Text(200, "OK", "application/json",
            request.Target.StartsWith(LoadedPath, StringComparison.Ordinal) ? Loaded
            : request.Target.Contains("/usage/failed", StringComparison.Ordinal) ? Failed
            : "[]"));
        string[] prefix = json ? ["--json"] : [];

        var verify = await CliProcess.RunAsync([.. prefix, .. VerifyAmieArguments(server, "--retries", "0")]);
        var failed = await CliProcess.RunAsync([.. prefix, "failed", "--url", new Uri(server.BaseAddress, "api/v1/").AbsoluteUri, "--site", "PSC", "--key-file", KeyFile()]);

        Assert.Equal(2, verify.ExitCode); // findings: the row is unknown to the outbox, the failure is at the service
        Assert.Equal(0, failed.ExitCode);
        Assert.Contains("job-1", verify.Output, StringComparison.Ordinal);
        Assert.Contains("bad", failed.Output, StringComparison.Ordinal);
        foreach (var text in new[] { verify.Output, verify.Error, failed.Output, failed.Error })
        {
            Assert.DoesNotContain(text, c => c is '\u001b' or '\u0007' or '\u009b');
        }
    }

    [Fact]
    public async Task Report_keeps_an_echoed_key_and_escapes_out_of_the_page_the_metrics_and_the_console()
    {
        await using var server = EchoingServer();
        var html = Path.Combine(_folder, "report.html");
        var metrics = Path.Combine(_folder, "usage_schema.prom");

        var (exitCode, output, error) = await CliProcess.RunAsync(
            "report", "--html", html, "--api", "amie", "--url", new Uri(server.BaseAddress, "api/v1/").AbsoluteUri, "--site", "PSC",
            "--key-file", KeyFile(), "--outbox", Outbox, "--retries", "0", "--metrics-file", metrics);

        Assert.Equal(3, exitCode);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("***", page, StringComparison.Ordinal);
        foreach (var text in new[] { page, await File.ReadAllTextAsync(metrics), output, error })
        {
            Assert.DoesNotContain(AmieKey[..8], text, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', text);
        }
    }

    [Fact]
    public async Task Report_to_a_directory_fails_naming_it_and_leaves_the_directory_alone()
    {
        await using var server = HostileServer.Start(_ => HostileAnswer.Text(200, "OK", "application/json", "[]"));
        var directory = Directory.CreateDirectory(Path.Combine(_folder, "site")).FullName;

        var (exitCode, output, error) = await CliProcess.RunAsync(
            "report", "--html", directory, "--api", "amie", "--url", new Uri(server.BaseAddress, "api/v1/").AbsoluteUri, "--site", "PSC",
            "--key-file", KeyFile(), "--outbox", Outbox, "--retries", "0");

        Assert.NotEqual(0, exitCode);
        Assert.Contains(directory, error, StringComparison.Ordinal);
        Assert.Contains("is a directory", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        Assert.Empty(Directory.EnumerateFiles(_folder, ".*.tmp"));
        Assert.DoesNotContain("Unhandled", output + error, StringComparison.Ordinal);
    }

    private string Outbox => Path.Combine(_folder, "outbox.db");

    private static HostileServer EchoingServer() => HostileServer.Start(_ => HostileAnswer.Text(401, "Unauthorized", "application/json",
        $"{{\"error\": \"\\u001b[31minvalid key {AmieKey} (starts {AmieKey[..10]})\\u001b[0m\\u001b]0;pwned\\u0007\"}}"));

    private string KeyFile()
    {
        var key = Path.Combine(_folder, "amie.key");
        if (!File.Exists(key))
        {
            File.WriteAllText(key, AmieKey + "\n");
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }

    private string[] VerifyAmieArguments(HostileServer server, params string[] extra) =>
        ["verify", "amie", "--url", new Uri(server.BaseAddress, "api/v1/").AbsoluteUri, "--site", "PSC", "--key-file", KeyFile(), "--outbox", Outbox, .. extra];

    private Task<(int ExitCode, string Output, string Error)> VerifyAmieAsync(HostileServer server) =>
        CliProcess.RunAsync(VerifyAmieArguments(server, "--retries", "0"));

    private static long Offset(string target)
    {
        var query = target[(target.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&');
        var offset = query.FirstOrDefault(part => part.StartsWith("offset=", StringComparison.Ordinal));
        return offset is null ? 0 : long.Parse(offset["offset=".Length..], CultureInfo.InvariantCulture);
    }

    private static string LoadedPage(long first, int rows)
    {
        var page = new StringBuilder("[");
        for (var i = 0; i < rows; i++)
        {
            var id = (first + i).ToString(CultureInfo.InvariantCulture);
            page.Append(i == 0 ? string.Empty : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"accounting_db_record_id\":\"{id}\",\"local_record_id\":\"job-{id}\",\"resource\":\"expanse.sdsc.access-ci.org\",")
                .Append("\"submit_time\":\"2026-01-01T00:00:00Z\",\"loaded_time\":\"2026-01-01T01:00:00Z\",\"charge\":1.5}");
        }

        return page.Append(']').ToString();
    }
}
