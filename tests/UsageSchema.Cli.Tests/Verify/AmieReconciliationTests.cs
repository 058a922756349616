using UsageSchema.Amie;
using UsageSchema.Cli.Verification;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Tests.Verify;

/// <summary>The comparison behind <c>verify amie</c>: each difference found exactly once, and nothing else.</summary>
public sealed class AmieReconciliationTests
{
    private const string Resource = "expanse.sdsc.access-ci.org";
    private static readonly DateTimeOffset Now = new(2026, 3, 8, 12, 0, 0, TimeSpan.Zero);
    private static readonly VerifyWindow Window = new(Now.AddDays(-7), Now, Now, TimeSpan.FromHours(1), 0.01);

    [Fact]
    public void A_consistent_window_has_no_findings()
    {
        var delivered = Days().Select(day => Delivered(day, $"r{day}", "2.5", Now.AddDays(day - 8))).ToList();
        var loaded = delivered.Select(entry => Loaded(Id(entry), 2.5 + 0.005)).ToList(); // within the tolerance

        Assert.Empty(AmieReconciliation.Compare(delivered, loaded, [], Window));
    }

    [Fact]
    public void Each_difference_is_found_exactly_once()
    {
        // One record per whole day of the window (1 to 7 March) except 4 March: a cron job that did not run.
        var delivered = Days().Where(day => day != 4).Select(day => Delivered(day, $"r{day}", "2.5", Now.AddDays(day - 8))).ToList();
        var notLoaded = delivered[0];
        var otherCharge = delivered[1];
        var failedEntry = delivered[2];
        var tooRecent = Delivered(7, "recent", "1", Now.AddMinutes(-10), id: 100); // inside the load delay: not yet a finding
        var beforeWindow = Delivered(1, "old", "1", Now.AddDays(-9), id: 101); // delivered before the window: only known
        delivered.AddRange([tooRecent, beforeWindow]);
        var loaded = delivered.Where(entry => entry != notLoaded && entry != failedEntry && entry != tooRecent)
            .Select(entry => Loaded(Id(entry), entry == otherCharge ? 9.75 : entry == beforeWindow ? 1 : 2.5))
            .Append(Loaded("stranger", 4))
            .ToList();
        var failed = new FailedUsageRecord { FailedRecordId = "77", UsageType = UsageType.Compute, LocalRecordId = Id(failedEntry), Resource = Resource, Error = "unknown project" };

        var findings = AmieReconciliation.Compare(delivered, loaded, [failed], Window);

        Assert.Equal(
            [
                (FindingKind.DeliveredNotLoaded, $"{Resource}/{Id(notLoaded)}"),
                (FindingKind.ChargeDiffers, $"{Resource}/{Id(otherCharge)}"),
                (FindingKind.FailedAtService, $"{Resource}/{Id(failedEntry)}"),
                (FindingKind.UnknownToOutbox, $"{Resource}/stranger"),
                (FindingKind.DayWithoutRecords, "2026-03-04"),
            ],
            findings.Select(finding => (finding.Kind, finding.Subject)));
        Assert.Equal(notLoaded.Id, findings[0].EntryId);
        Assert.True(findings[0].Fixable);
        Assert.Contains("Charge 2.5", findings[1].Detail, StringComparison.Ordinal);
        Assert.Contains("Charge 9.75", findings[1].Detail, StringComparison.Ordinal);
        Assert.False(findings[1].Fixable);
        Assert.Contains("unknown project", findings[2].Detail, StringComparison.Ordinal);
        Assert.False(findings[2].Fixable); // never loaded: clearing it would lose the service's error
    }

    [Fact]
    public void A_failed_record_that_was_delivered_and_loaded_since_is_clearable()
    {
        var entry = Delivered(7, "fixed", "2.5", Now.AddDays(-2));
        var failed = new FailedUsageRecord { FailedRecordId = "12", UsageType = UsageType.Compute, LocalRecordId = "fixed", Resource = Resource, Error = "bad charge" };
        var window = Window with { From = Now.AddDays(-2).AddHours(-1) };

        var finding = Assert.Single(AmieReconciliation.Compare([entry], [Loaded("fixed", 2.5)], [failed], window));

        Assert.Equal(FindingKind.FailedAtService, finding.Kind);
        Assert.Equal("12", finding.FailedRecordId);
        Assert.True(finding.Fixable);
    }

    private static IEnumerable<int> Days() => Enumerable.Range(1, 7);

    private static string Id(OutboxEntry entry) => AmieKey(entry);

    private static string AmieKey(OutboxEntry entry) => System.Text.Json.JsonDocument.Parse(entry.Payload).RootElement.GetProperty("LocalRecordID").GetString()!;

    private static OutboxEntry Delivered(int day, string localRecordId, string charge, DateTimeOffset deliveredAt, long? id = null)
    {
        var payload = $$"""{"LocalRecordID":"{{localRecordId}}","Resource":"{{Resource}}","Charge":"{{charge}}","EndTime":"2026-03-0{{day}}T10:00:00Z"}""";
        return new OutboxEntry(id ?? day, UsageApi.Amie, $"[\"{Resource}\",\"{localRecordId}\"]", "Compute", payload, OutboxState.Delivered, 0, null, "test", null, deliveredAt, deliveredAt, deliveredAt);
    }

    private static LoadedUsageRecord Loaded(string localRecordId, double charge) =>
        new() { LocalRecordId = localRecordId, Resource = Resource, Charge = charge, SubmitTime = "2026-03-01T00:00:00Z", LoadedTime = Now.AddHours(-2).ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
}
