using System.Text.Json;
using UsageSchema.Cli.Verification;
using UsageSchema.Emulator;
using UsageSchema.GatewayAttributes;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Tests.Verify;

/// <summary>The comparison behind <c>verify gateway</c>: each difference found exactly once, and nothing else.</summary>
public sealed class GatewayReconciliationTests
{
    private const string Resource = "expanse.sdsc.xsede.org";
    private static readonly DateTimeOffset Now = new(2026, 3, 8, 12, 0, 0, TimeSpan.Zero);
    private static readonly VerifyWindow Window = new(Now.AddDays(-7), Now, Now, TimeSpan.FromMinutes(10), 0.01);

    // 6 March, whole: the day the single job below was delivered.
    private static readonly VerifyWindow OneDay = Window with { From = new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero) };

    [Fact]
    public void Each_difference_is_found_exactly_once()
    {
        // One job per whole day (1 to 7 March) but 5 March.
        var delivered = Enumerable.Range(1, 7).Where(day => day != 5).Select(day => Delivered(day, $"j{day}", "alice", Now.AddDays(day - 8))).ToList();
        var (dropped, otherUser) = (delivered[0], delivered[1]);
        var tooRecent = Delivered(7, "recent", "alice", Now.AddMinutes(-1), id: 100);
        delivered.Add(tooRecent);
        var reported = delivered.Where(entry => entry != dropped && entry != tooRecent)
            .Select(entry => Row(entry == otherUser ? "mallory" : "alice", Id(entry), Day(entry)))
            .Append(Row("bob", "stranger", 3))
            .ToList();

        var findings = GatewayReconciliation.Compare(delivered, reported, Window, seesEveryJob: true);

        Assert.Equal(
            [
                (FindingKind.DeliveredNotLoaded, $"{Resource}/j1"),
                (FindingKind.UnknownToOutbox, $"{Resource}/stranger"),
                (FindingKind.DayWithoutRecords, "2026-03-05"),
                (FindingKind.AttributesDiffer, $"{Resource}/j2"),
            ],
            findings.Select(finding => (finding.Kind, finding.Subject)));
        Assert.Equal(dropped.Id, findings[0].EntryId);
        Assert.True(findings[0].Fixable);
        Assert.Contains("gateway user: delivered 'alice', reported 'mallory'", findings[3].Detail, StringComparison.Ordinal);
        Assert.True(findings[3].Fixable); // a re-sent job overwrites the stored one
        Assert.False(findings[1].Fixable);
    }

    [Fact]
    public void The_resource_is_matched_in_any_case_and_the_submission_time_as_an_instant()
    {
        var entry = Delivered(6, "j6", "alice", Now.AddDays(-2));
        var row = Row("alice", "j6", 6);
        row.ResourceName = Resource.ToUpperInvariant();
        row.SubmitTime = "2026-03-06T02:15:00-08:00"; // 10:15 UTC, as delivered

        Assert.Empty(GatewayReconciliation.Compare([entry], [row], OneDay, seesEveryJob: true));
    }

    [Fact]
    public void Read_by_user_a_job_the_outbox_never_sent_is_not_a_finding()
    {
        var entry = Delivered(6, "j6", "alice", Now.AddDays(-2));

        Assert.Empty(GatewayReconciliation.Compare([entry], [Row("alice", "j6", 6), Row("alice", "other", 6)], OneDay, seesEveryJob: false));
    }

    private static string Id(OutboxEntry entry) => System.Text.Json.JsonDocument.Parse(entry.Payload).RootElement.GetProperty("jobid").GetString()!;

    private static int Day(OutboxEntry entry) => int.Parse(System.Text.Json.JsonDocument.Parse(entry.Payload).RootElement.GetProperty("submittime").GetString()!.AsSpan(8, 2), System.Globalization.CultureInfo.InvariantCulture);

    private static OutboxEntry Delivered(int day, string jobId, string user, DateTimeOffset deliveredAt, long? id = null)
    {
        var payload = $$"""{"gatewayuser":"{{user}}","xsederesourcename":"{{Resource}}","jobid":"{{jobId}}","submittime":"2026-03-0{{day}} 10:15:00 +00:00"}""";
        return new OutboxEntry(id ?? day, UsageApi.GatewayAttributes, $"[\"{Resource}\",\"{jobId}\"]", "JobAttributes", payload, OutboxState.Delivered, 0, null, "test", null, deliveredAt, deliveredAt, deliveredAt);
    }

    private static GatewayJob Row(string user, string jobId, int day)
    {
        var row = new GatewayJob { ResourceName = Resource, LocalJobId = jobId, SubmitTime = $"2026-03-0{day}T10:15:00+00:00", ChargeNumber = "TG-EMU000000" };
        row.AdditionalProperties[GatewayReadBackExtras.GatewayUser] = JsonSerializer.SerializeToElement(user);
        return row;
    }
}
