using UsageSchema.Amie;
using UsageSchema.Cli.Verification;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Tests.Verify;

/// <summary>The AMIE check from <c>/usage/status</c> totals, for a service without <c>/usage/loaded</c>: one finding per resource that differs.</summary>
public sealed class AmieStatusReconciliationTests
{
    private const string Expanse = "expanse.sdsc.access-ci.org";
    private const string Delta = "delta.ncsa.access-ci.org";
    private static readonly DateTimeOffset Now = new(2026, 3, 8, 12, 0, 0, TimeSpan.Zero);
    private static readonly VerifyWindow Window = new(Now.AddDays(-7), Now, Now, TimeSpan.FromHours(1), 0.01);

    [Fact]
    public void Totals_that_match_are_no_finding()
    {
        var delivered = Days().Select(day => Delivered(Expanse, day, "2.5")).ToList();

        Assert.Empty(AmieStatusReconciliation.Compare(delivered, [Status(Expanse, 7, 17.5 + 0.005)], [], Window));
    }

    [Fact]
    public void Each_resource_that_differs_is_found_once()
    {
        var delivered = Days().Select(day => Delivered(Expanse, day, "2.5"))
            .Concat(Days().Select(day => Delivered(Delta, day, "1")))
            .Append(Delivered("bridges2.psc.access-ci.org", 1, "4", id: "b1"))
            .Append(Delivered("bridges2.psc.access-ci.org", 2, "4", id: "failed"))
            .ToList();
        var failed = new FailedUsageRecord { FailedRecordId = "9", UsageType = UsageType.Compute, Resource = "bridges2.psc.access-ci.org", LocalRecordId = "failed", Error = "unknown project" };
        IReadOnlyList<UsageStatusResource> status = [Status(Expanse, 6, 15), Status(Delta, 7, 9), Status("bridges2.psc.access-ci.org", 1, 4), Status("anvil.purdue.access-ci.org", 2, 3)];

        var findings = AmieStatusReconciliation.Compare(delivered, status, [failed], Window);

        Assert.Equal(
            [
                (FindingKind.DeliveredNotLoaded, Expanse),
                (FindingKind.ChargeDiffers, Delta),
                (FindingKind.FailedAtService, "bridges2.psc.access-ci.org/failed"),
                (FindingKind.UnknownToOutbox, "anvil.purdue.access-ci.org"),
            ],
            findings.Select(finding => (finding.Kind, finding.Subject)));
        Assert.Contains("1 not loaded", findings[0].Detail, StringComparison.Ordinal);
        Assert.All(findings, finding => Assert.False(finding.Fixable));
    }

    private static IEnumerable<int> Days() => Enumerable.Range(1, 7);

    private static UsageStatusResource Status(string resource, long records, double charge) =>
        new() { Resource = resource, LoadedRecordCount = records, TotalCharge = charge, Errors = [] };

    private static OutboxEntry Delivered(string resource, int day, string charge, string? id = null)
    {
        var localRecordId = id ?? $"r{day}";
        var payload = $$"""{"LocalRecordID":"{{localRecordId}}","Resource":"{{resource}}","Charge":"{{charge}}","EndTime":"2026-03-0{{day}}T10:00:00Z"}""";
        var at = Now.AddDays(-1);
        return new OutboxEntry(day, UsageApi.Amie, $"[\"{resource}\",\"{localRecordId}\"]", "Compute", payload, OutboxState.Delivered, 0, null, "test", null, at, at, at);
    }
}
