using System.Net;
using System.Text.Json.Nodes;
using UsageSchema.Perseus;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// PERSEUS matches reports on start and end among others; if it compares them as text, one instant
/// must always be written the same way (api-facts "More PERSEUS facts"). The form is the portal's
/// JavaScript toISOString(): UTC, milliseconds, Z.
/// </summary>
public class PerseusWireTimeTests
{
    [Theory]
    [InlineData("2024-05-01T00:00:00Z")]
    [InlineData("2024-05-01T00:00:00.000Z")]
    [InlineData("2024-05-01T00:00:00+00:00")]
    [InlineData("2024-05-01T02:00:00+02:00")]
    [InlineData("2024-04-30T19:00:00-05:00")]
    [InlineData("2024-05-01T00:00:00.0000Z")]
    [InlineData("2024-05-01t00:00:00z")]
    [InlineData("2024-05-01T00:00:00.0004Z")]
    public void Every_spelling_of_one_instant_has_one_wire_text(string text) =>
        Assert.Equal("2024-05-01T00:00:00.000Z", PerseusWireTime.ToWire(text));

    [Fact]
    public void Milliseconds_are_kept()
    {
        Assert.Equal("2024-05-01T00:00:00.250Z", PerseusWireTime.ToWire("2024-05-01T02:00:00.25+02:00"));
        Assert.Equal("2024-05-01T00:00:00.250Z", PerseusWireTime.ToWire(new DateTimeOffset(2024, 5, 1, 2, 0, 0, 250, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Text_that_is_not_a_date_time_is_left_for_validation_to_report() =>
        Assert.Equal("yesterday", PerseusWireTime.ToWire("yesterday"));

    [Fact]
    public void The_format_is_the_specs_wire_format()
    {
        var spec = File.ReadAllText(Path.Combine(SpecDirectory(), "perseus-usage-reporting.yaml"));
        var specFormat = PerseusWireTime.Format.Replace("'", string.Empty, StringComparison.Ordinal);

        Assert.Equal(2, CountOf(spec, "x-wire-format: " + specFormat));
    }

    [Fact]
    public async Task Reports_with_one_instant_in_three_spellings_are_sent_with_identical_start_and_end()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(HttpStatusCode.NoContent));
        var client = ClientFactory.Perseus(handler);
        string[][] spellings = [["2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z"], ["2024-05-01T00:00:00.000Z", "2024-05-02T00:00:00.000Z"], ["2024-05-01T02:00:00+02:00", "2024-05-01T19:00:00-05:00"]];

        foreach (var window in spellings)
        {
            var report = TestRecords.Report();
            report.Start = window[0];
            report.End = window[1];
            await client.ReportAsync(report);
            Assert.Equal(window[0], report.Start);
        }

        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, request =>
        {
            var body = JsonNode.Parse(request.BodyText)!;
            Assert.Equal("2024-05-01T00:00:00.000Z", body["start"]!.GetValue<string>());
            Assert.Equal("2024-05-02T00:00:00.000Z", body["end"]!.GetValue<string>());
        });
        Assert.Single(handler.Requests.Select(request => request.BodyText).Distinct());
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string SpecDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var spec = Path.Combine(directory.FullName, "spec");
            if (File.Exists(Path.Combine(spec, "perseus-usage-reporting.yaml")))
            {
                return spec;
            }
        }

        throw new DirectoryNotFoundException("spec/ not found above " + AppContext.BaseDirectory);
    }
}
