using System.Net;
using System.Net.Sockets;

namespace UsageSchema.Cli.Tests.Report;

/// <summary>The report's exit codes: 64 for a usage error (nothing written), 3 when a service cannot be read (the report still written, naming the error).</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task An_unknown_api_is_a_usage_error_and_writes_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("usage-schema-report-");
        try
        {
            var report = Path.Combine(folder.FullName, "report.html");

            var (exit, _, error) = await CliProcess.RunAsync("report", "--html", report, "--api", "xdmod", "--outbox", Path.Combine(folder.FullName, "outbox.db"));

            Assert.Equal(ExitCodes.UsageError, exit);
            Assert.Contains("--api 'xdmod'", error, StringComparison.Ordinal);
            Assert.False(File.Exists(report));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unreachable_service_exits_3_and_the_report_names_the_error()
    {
        var folder = Directory.CreateTempSubdirectory("usage-schema-report-");
        try
        {
            var report = Path.Combine(folder.FullName, "report.html");
            var url = $"http://127.0.0.1:{ClosedPort()}/api/v1/";

            var (exit, output, error) = await CliProcess.RunAsync(EndToEnd.EmulatorProcess.Secrets,
                "report", "--html", report, "--api", "amie", "--url", url, "--outbox", Path.Combine(folder.FullName, "outbox.db"), "--retries", "0", "--timeout", "5");

            Assert.True(exit == ExitCodes.ServiceError, $"exit {exit}\n{output}\n{error}");
            var html = await File.ReadAllTextAsync(report);
            Assert.Contains("<section class=\"api\" data-api=\"amie\"><h2>amie <span class=\"status service-error\">service error</span>", html, StringComparison.Ordinal);
            Assert.Contains("<section class=\"outbox\">", html, StringComparison.Ordinal);
            Assert.DoesNotContain(EndToEnd.EmulatorProcess.AmieKey, html, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
