using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using UsageSchema.Cli.Tests.EndToEnd;

namespace UsageSchema.Cli.Tests.Report;

/// <summary>
/// <c>usage-schema report --html</c> as an operator runs it: records on known days sent to the emulator process by the
/// real CLI, the report written by the real CLI, then opened in headless Chromium: no console message, one bar per
/// day of the window with the fixture's counts, the same findings as <c>verify</c>, a non-empty screenshot.
/// </summary>
public sealed class ReportBrowserTests
{
    private const string Resource = RecordFiles.AmieResource;

    [ChromiumFact]
    public Task The_report_of_a_known_week_renders_its_days_and_findings_in_a_browser() => WithinOneUtcDay.RunAsync(RunKnownWeekAsync);

    private static async Task RunKnownWeekAsync(DateOnly today)
    {
        await using var emulator = await EmulatorProcess.StartAsync();

        // 1 record five days ago, 2 three days ago, 3 yesterday; charge 1.5 each.
        var perDay = new Dictionary<DateOnly, int> { [today.AddDays(-5)] = 1, [today.AddDays(-3)] = 2, [today.AddDays(-1)] = 3 };
        var file = Path.Combine(emulator.Folder, "week.jsonl");
        await File.WriteAllLinesAsync(file, perDay.SelectMany(pair => Enumerable.Range(1, pair.Value).Select(n => Record(pair.Key, n))));
        var outbox = Path.Combine(emulator.Folder, "outbox.db");
        var (sent, sendOutput, sendError) = await CliProcess.RunAsync(EmulatorProcess.Secrets, SendRuns.Arguments(emulator, "amie", file, outbox));
        Assert.True(sent == ExitCodes.Success, $"send: exit {sent}\n{sendOutput}\n{sendError}");

        var report = Path.Combine(emulator.Folder, "report.html");
        var (exit, output, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets,
            "report", "--html", report, "--api", "amie", "--url", emulator.Amie.AbsoluteUri, "--outbox", outbox, "--load-delay", "00:00:00");
        Assert.True(exit == ExitCodes.Success, $"report: exit {exit}\n{output}\n{error}");
        Assert.Empty(Directory.GetFiles(emulator.Folder, "*.tmp"));

        var (dom, console) = await HeadlessChromium.DumpDomAsync(report);

        Assert.Empty(console);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([Resource], ReportDom.Resources(dom));
        var records = ReportDom.Bars(dom, "records", Resource);
        var charge = ReportDom.Bars(dom, "charge", Resource);
        var windowDays = Enumerable.Range(-7, 8).Select(offset => Day(today.AddDays(offset))).ToList(); // the window touches 8 UTC days
        foreach (var series in (string[])["sent", "delivered", "loaded", "failed"])
        {
            Assert.Equal(windowDays, records.Where(bar => bar.Series == series).Select(bar => bar.Day));
            Assert.Equal(windowDays, charge.Where(bar => bar.Series == series).Select(bar => bar.Day));
        }

        foreach (var day in windowDays)
        {
            var expected = perDay.GetValueOrDefault(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var series in (string[])["sent", "delivered", "loaded"])
            {
                Assert.True(expected == records.Single(bar => bar.Series == series && bar.Day == day).Value, $"{series} records on {day}");
                Assert.True(expected * 1.5 == charge.Single(bar => bar.Series == series && bar.Day == day).Value, $"{series} charge on {day}");
            }

            Assert.Equal(0, records.Single(bar => bar.Series == "failed" && bar.Day == day).Value);
        }

        // The findings are verify's, each named once (here: the whole days without a record).
        var (_, verifyJson, _) = await CliProcess.RunAsync(EmulatorProcess.Secrets,
            "verify", "amie", "--url", emulator.Amie.AbsoluteUri, "--outbox", outbox, "--load-delay", "00:00:00", "--json");
        var subjects = JsonDocument.Parse(verifyJson).RootElement.GetProperty("findings").EnumerateArray().Select(finding => finding.GetProperty("subject").GetString()!).ToList();
        Assert.NotEmpty(subjects);
        Assert.All(subjects, subject => Assert.Contains($"<span class=\"subject\">{subject}</span>", dom, StringComparison.Ordinal));
        Assert.Equal(subjects.Count, CountOf(dom, "<span class=\"subject\">"));
        Assert.Contains("<td data-state=\"delivered\">6</td>", dom, StringComparison.Ordinal);

        var png = await HeadlessChromium.ScreenshotAsync(report, 1200, 900);
        Assert.True(png.Length > 1000, $"screenshot of {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        Assert.Equal(1200, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(900, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    private static string Record(DateOnly day, int n)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{day:yyyyMMdd}-{n}");
        var end = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00:00Z";
        var start = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T08:00:00Z";
        return $$"""{"Username": "u{{n}}", "LocalProjectID": "p1", "LocalRecordID": "{{id}}", "Resource": "{{Resource}}", "SubmitTime": "{{start}}", "StartTime": "{{start}}", "EndTime": "{{end}}", "Attributes": {"NodeCount": 1}, "Charge": "1.5"}""";
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
