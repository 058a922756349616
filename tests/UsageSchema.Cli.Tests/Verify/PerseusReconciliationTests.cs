using UsageSchema.Cli.Verification;
using UsageSchema.Outbox;
using UsageSchema.Perseus;

namespace UsageSchema.Cli.Tests.Verify;

/// <summary>The comparison behind <c>verify perseus</c>: each difference found exactly once, and nothing else; without a listing, only the outbox's days.</summary>
public sealed class PerseusReconciliationTests
{
    private const string Project = "65e1f0c2a9b34d0012c4e7a1";
    private static readonly DateTimeOffset Now = new(2026, 3, 8, 12, 0, 0, TimeSpan.Zero);
    private static readonly VerifyWindow Window = new(Now.AddDays(-7), Now, Now, TimeSpan.Zero, 0.01);

    [Fact]
    public void Each_difference_is_found_exactly_once()
    {
        var delivered = Enumerable.Range(1, 7).Where(day => day != 2).Select(day => Delivered(day, 10 + day, Now.AddDays(day - 8))).ToList();
        var held = Enumerable.Range(1, 7).Where(day => day is not 2 and not 4).Select(day => Report(day, day == 6 ? 99 : 10 + day + 0.005)).Append(Report(3, 1, user: "stranger")).ToList();

        var findings = PerseusReconciliation.Compare(delivered, held, Window);

        Assert.Equal(
            [
                (FindingKind.DeliveredNotLoaded, Subject(4)),
                (FindingKind.ChargeDiffers, Subject(6)),
                (FindingKind.UnknownToOutbox, Subject(3) + "/user=stranger"),
                (FindingKind.DayWithoutRecords, "2026-03-02"),
            ],
            findings.Select(finding => (finding.Kind, finding.Subject)));
        Assert.Contains("delivered with value 16, held with value 99", findings[1].Detail, StringComparison.Ordinal);
        Assert.True(findings[0].Fixable);
        Assert.True(findings[1].Fixable); // a re-sent report overwrites the stored one
    }

    [Fact]
    public void A_report_held_under_another_form_of_its_times_is_the_same_report()
    {
        var entry = Delivered(7, 17, Now.AddDays(-1));
        var held = Report(7, 17);
        held.Start = "2026-03-07T01:00:00+01:00";
        held.End = "2026-03-08T00:00:00.000Z";

        // 7 March, whole: the day the report was delivered.
        var findings = PerseusReconciliation.Compare([entry], [held], Window with { From = new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero) });

        Assert.Empty(findings);
    }

    [Fact]
    public void Without_a_listing_only_the_days_of_the_outbox_are_checked()
    {
        var delivered = Enumerable.Range(1, 7).Where(day => day != 2).Select(day => Delivered(day, 1, Now.AddDays(day - 8))).ToList();

        var finding = Assert.Single(PerseusReconciliation.Compare(delivered, null, Window));

        Assert.Equal((FindingKind.DayWithoutRecords, "2026-03-02"), (finding.Kind, finding.Subject));
    }

    private static string Subject(int day) => $"{Project}/hpc-prf-test/noctua2-cpu/2026-03-0{day}T00:00:00Z/2026-03-0{day + 1}T00:00:00Z";

    private static UsageReport Report(int day, double value, string? user = null) => new()
    {
        ProjectOid = Project,
        ComputeProjectId = "hpc-prf-test",
        ResourceId = "noctua2-cpu",
        Start = $"2026-03-0{day}T00:00:00Z",
        End = $"2026-03-0{day + 1}T00:00:00Z",
        Value = value,
        User = user,
    };

    private static OutboxEntry Delivered(int day, double value, DateTimeOffset deliveredAt)
    {
        var payload = System.Text.Json.JsonSerializer.Serialize(Report(day, value), UsageSchema.Serialization.UsageJson.Options);
        return new OutboxEntry(day, UsageApi.Perseus, "[]", "UsageReport", payload, OutboxState.Delivered, 0, null, "test", null, deliveredAt, deliveredAt, deliveredAt);
    }
}
