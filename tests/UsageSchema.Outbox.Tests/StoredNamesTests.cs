using UsageSchema.Amie;

namespace UsageSchema.Outbox.Tests;

/// <summary>
/// The texts the outbox stores for "which API" and "which record type" come from <see cref="UsageApi"/>
/// and the generated record interfaces now; existing outbox files hold the texts of every earlier
/// release, stated here on their own.
/// </summary>
public sealed class StoredNamesTests
{
    [Fact]
    public void Every_record_is_stored_under_the_api_and_type_names_of_earlier_releases()
    {
        IUsageRecord[] records =
        [
            Records.Compute("1"),
            new StorageUsageRecord { Resource = "r", LocalRecordId = "2" },
            new AdjustmentUsageRecord { Resource = "r", LocalRecordId = "3" },
            Records.Report(1),
            Records.Job(1),
        ];

        var stored = records.Select(OutboxItem.For).Select(item => (UsageApiNames.Of(item.Api), item.RecordType));

        Assert.Equal(
            [("amie", "Compute"), ("amie", "Storage"), ("amie", "Adjustment"), ("perseus", "UsageReport"), ("gateway", "JobAttributes")],
            stored);
        Assert.Equal([RecordTypes.Compute, RecordTypes.Storage, RecordTypes.Adjustment, RecordTypes.UsageReport, RecordTypes.JobAttributes], records.Select(record => OutboxItem.For(record).RecordType));
    }

    [Theory]
    [InlineData("amie", UsageApi.Amie)]
    [InlineData("perseus", UsageApi.Perseus)]
    [InlineData("gateway", UsageApi.GatewayAttributes)]
    public void The_short_names_round_trip(string name, UsageApi api)
    {
        Assert.Equal(name, UsageApiNames.Of(api));
        Assert.True(UsageApiNames.TryParse(name, out var parsed));
        Assert.Equal(api, parsed);
    }

    [Theory]
    [InlineData("Amie")]
    [InlineData("gateway-attributes")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_no_short_name(string? name) => Assert.False(UsageApiNames.TryParse(name, out _));

    [Fact]
    public void A_record_without_a_required_key_part_gets_a_key_of_its_own()
    {
        var first = Records.Compute("1");
        first.Resource = null!;
        var second = Records.Compute("1");
        second.Resource = null!;

        Assert.NotEqual(OutboxItem.For(first).DedupeKey, OutboxItem.For(second).DedupeKey);
        Assert.StartsWith("[\"unkeyed\",", OutboxItem.For(first).DedupeKey, StringComparison.Ordinal);
    }
}
