using UsageSchema.Cli.Reporting;
using UsageSchema.Cli.Verification;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Tests.Report;

/// <summary>
/// Values from records and services are text, never markup: a resource name, a record id, a service's error and a
/// note that are HTML (a script, an image with a handler) show as their characters, and nothing runs.
/// </summary>
public sealed class HostileReportTests
{
    private const string Script = "<script>document.title='pwned';console.error('pwned')</script>";
    private const string Image = "\"><img src=x onerror=\"console.error('pwned')\">";
    private static readonly DateTimeOffset Now = new(2026, 3, 8, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_value_from_outside_is_encoded()
    {
        var html = HtmlReportRenderer.Render(Model());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;document.title=&#39;pwned&#39;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=", html, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task In_a_browser_the_hostile_values_are_text_and_nothing_runs()
    {
        var folder = Directory.CreateTempSubdirectory("usage-schema-hostile-");
        try
        {
            var file = Path.Combine(folder.FullName, "report.html");
            await File.WriteAllTextAsync(file, HtmlReportRenderer.Render(Model()));

            var (dom, console) = await HeadlessChromium.DumpDomAsync(file);

            Assert.Empty(console); // a script that ran, or one the policy blocked, would print here
            Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<title>pwned", dom, StringComparison.Ordinal);
            Assert.Equal([Script], ReportDom.Resources(dom)); // the name survives, as text
            Assert.Contains("&lt;script&gt;document.title='pwned'", dom, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static ReportModel Model()
    {
        var window = new VerifyWindow(Now.AddDays(-7), Now, Now, TimeSpan.FromHours(1), 0.01);
        var day = DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-2));
        var result = new VerifyResult(
            UsageApi.Amie,
            window,
            [new VerifyFinding(FindingKind.FailedAtService, $"{Script}/{Image}", $"the service says: {Image} {Script}", FailedRecordId: "1")],
            [new DailyUsage(Script, day) { Sent = new DailyCount(2, 3.5), Failed = new DailyCount(1, 1) }],
            [$"note {Script}"]);
        return ReportModelBuilder.Build(
            Now,
            window,
            $"/var/lib/{Image}.db",
            [ReportModelBuilder.Outcome.Verified(result), ReportModelBuilder.Outcome.Failed(UsageApi.Perseus, $"503 {Script}")],
            [new OutboxCount(UsageApi.Amie, OutboxState.Pending, 2)],
            [new OutboxBacklog(UsageApi.Amie, 2, 0, Now.AddHours(-3)), new OutboxBacklog(UsageApi.Perseus, 0, 0, null), new OutboxBacklog(UsageApi.GatewayAttributes, 0, 0, null)]);
    }
}
