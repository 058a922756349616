namespace UsageSchema.Cli.Tests.Report;

/// <summary>The browser check itself can fail: a page whose script errors, or that the policy blocks, shows up as console lines.</summary>
public sealed class HeadlessChromiumTests
{
    [ChromiumFact]
    public async Task A_script_error_and_a_blocked_script_are_seen_on_the_console()
    {
        var folder = Directory.CreateTempSubdirectory("usage-schema-chromium-check-");
        try
        {
            var broken = Path.Combine(folder.FullName, "broken.html");
            await File.WriteAllTextAsync(broken, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>x</p><script>console.error('seen'); undefinedFunction();</script></body></html>");
            var blocked = Path.Combine(folder.FullName, "blocked.html");
            await File.WriteAllTextAsync(blocked, $"<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{Reporting.HtmlReportRenderer.ContentSecurityPolicy}\"></head><body><script>document.title='ran'</script></body></html>");

            var (_, brokenConsole) = await HeadlessChromium.DumpDomAsync(broken);
            var (blockedDom, blockedConsole) = await HeadlessChromium.DumpDomAsync(blocked);

            Assert.Contains(brokenConsole, line => line.Contains("\"seen\"", StringComparison.Ordinal));
            Assert.Contains(brokenConsole, line => line.Contains("undefinedFunction", StringComparison.Ordinal));
            Assert.Contains(blockedConsole, line => line.Contains("Content Security Policy", StringComparison.Ordinal));
            Assert.DoesNotContain("<title>ran</title>", blockedDom, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
