using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// Two records are equal exactly when the service would store one in place of the other, so a
/// HashSet or Dictionary of them holds what the service will hold.
/// </summary>
public class UpsertKeyEqualityTests
{
    private static ComputeUsageRecord Compute(string resource, string localRecordId, string charge)
    {
        var record = Samples.Compute(localRecordId);
        record.Resource = resource;
        record.Charge = charge;
        return record;
    }

    private static UsageReport Report(string start, string end, string? user = "jdoe")
    {
        var report = Samples.Report();
        report.Start = start;
        report.End = end;
        report.User = user;
        return report;
    }

    [Fact]
    public void Amie_records_with_the_same_key_but_other_members_are_equal()
    {
        var first = Compute("res-a", "job-1", "1.0");
        var second = Compute("res-a", "job-1", "99");
        second.Username = "someone-else";
        second.Attributes.NodeCount = 7;

        Assert.True(first.Equals(second));
        Assert.True(first.Equals((object)second));
        Assert.True(first == second);
        Assert.False(first != second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(first.UpsertKey, second.UpsertKey);
    }

    [Fact]
    public void Amie_records_dedupe_in_a_hash_set_and_as_dictionary_keys()
    {
        var first = Compute("res-a", "job-1", "1.0");
        var resent = Compute("res-a", "job-1", "2.0");
        var other = Compute("res-a", "job-2", "1.0");

        var set = new HashSet<ComputeUsageRecord> { first, resent, other };
        Assert.Equal(2, set.Count);
        Assert.Contains(Compute("res-a", "job-1", "0"), set);

        // The later record replaces the earlier one under the same key, as the service would.
        var latest = new Dictionary<ComputeUsageRecord, string>
        {
            [first] = first.Charge,
            [resent] = resent.Charge,
            [other] = other.Charge,
        };
        Assert.Equal(2, latest.Count);
        Assert.Equal("2.0", latest[first]);
    }

    [Fact]
    public void Amie_records_with_another_local_record_id_or_resource_are_not_equal()
    {
        var first = Compute("res-a", "job-1", "1.0");

        Assert.False(first.Equals(Compute("res-a", "job-2", "1.0")));
        Assert.False(first.Equals(Compute("res-b", "job-1", "1.0")));
        Assert.True(first != Compute("res-a", "job-2", "1.0"));
    }

    [Fact]
    public void Amie_keys_compare_ordinally()
    {
        // Case and culture never make two different identifiers one key.
        var first = Compute("res-a", "job-1", "1.0");

        Assert.NotEqual(first, Compute("RES-A", "job-1", "1.0"));
        Assert.NotEqual(first, Compute("res-a", "JOB-1", "1.0"));
    }

    [Fact]
    public void Equality_against_null_and_other_types_is_false()
    {
        var record = Samples.Compute();

        Assert.False(record.Equals((ComputeUsageRecord?)null));
        Assert.False(record.Equals((object?)null));
        Assert.False(record.Equals("job-1"));
        Assert.False(record == null);
        Assert.False(null == record);
        Assert.True((ComputeUsageRecord?)null == null);
    }

    [Fact]
    public void Adjustment_records_are_keyed_like_compute_records()
    {
        var first = Samples.Adjustment();
        var second = Samples.Adjustment();
        second.Charge = "10";
        second.AdjustmentType = AdjustmentType.Debit;

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Perseus_reports_with_the_same_instants_in_other_offsets_are_equal()
    {
        var first = Report("2024-03-01T01:00:00+01:00", "2024-03-02T01:00:00+01:00");
        var second = Report("2024-03-01T00:00:00Z", "2024-03-01T19:00:00-05:00");
        second.Value = 1;

        Assert.True(first.Equals(second));
        Assert.True(first == second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(first.UpsertKey, second.UpsertKey);
    }

    [Fact]
    public void Perseus_reports_with_the_same_instants_with_and_without_fraction_are_equal()
    {
        var first = Report("2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z");
        var second = Report("2024-03-01T00:00:00.000Z", "2024-03-02T00:00:00.0000000+00:00");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Perseus_reports_a_tick_apart_are_not_equal()
    {
        var first = Report("2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z");
        var second = Report("2024-03-01T00:00:00.0000001Z", "2024-03-02T00:00:00Z");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Perseus_user_null_and_empty_are_different_keys()
    {
        // An absent user and an empty one are different wire bodies; ordinal comparison keeps them apart.
        var absent = Report("2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z", user: null);
        var empty = Report("2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z", user: string.Empty);

        Assert.False(absent.Equals(empty));
        Assert.False(empty.Equals(absent));
        Assert.True(absent != empty);
    }

    [Fact]
    public void Perseus_members_outside_the_key_do_not_matter()
    {
        var first = Samples.Report();
        var second = Samples.Report();
        second.Value = 0;
        second.ContingentFactor = null;
        second.AdditionalMetrics = null;
        second.AdditionalResources = null;

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(nameof(UsageReport.ProjectOid))]
    [InlineData(nameof(UsageReport.ComputeProjectId))]
    [InlineData(nameof(UsageReport.ResourceId))]
    [InlineData(nameof(UsageReport.Start))]
    [InlineData(nameof(UsageReport.End))]
    [InlineData(nameof(UsageReport.User))]
    [InlineData(nameof(UsageReport.Partition))]
    [InlineData(nameof(UsageReport.Priority))]
    public void Perseus_every_key_member_takes_part(string member)
    {
        // The spec's key has eight members; dropping any one would merge distinct windows.
        var first = Samples.Report();
        var second = Samples.Report();
        Action<UsageReport> change = member switch
        {
            nameof(UsageReport.ProjectOid) => report => report.ProjectOid = "000000000000000000000000",
            nameof(UsageReport.ComputeProjectId) => report => report.ComputeProjectId = "other",
            nameof(UsageReport.ResourceId) => report => report.ResourceId = "other",
            nameof(UsageReport.Start) => report => report.Start = "2024-02-29T00:00:00+01:00",
            nameof(UsageReport.End) => report => report.End = "2024-03-03T00:00:00+01:00",
            nameof(UsageReport.User) => report => report.User = "other",
            nameof(UsageReport.Partition) => report => report.Partition = "other",
            nameof(UsageReport.Priority) => report => report.Priority = "other",
            _ => throw new ArgumentOutOfRangeException(nameof(member), member, "not a key member"),
        };
        change(second);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Perseus_hash_set_of_three_reports_with_two_keys_has_two()
    {
        var reports = new HashSet<UsageReport>
        {
            Report("2024-03-01T01:00:00+01:00", "2024-03-02T00:00:00Z"),
            Report("2024-03-01T00:00:00Z", "2024-03-02T01:00:00+01:00"),
            Report("2024-03-01T00:00:00Z", "2024-03-03T00:00:00Z"),
        };

        Assert.Equal(2, reports.Count);
    }

    [Fact]
    public void Perseus_reports_dedupe_as_dictionary_keys_across_offsets()
    {
        var byKey = new Dictionary<UsageReport, double>();
        foreach (var (start, value) in new[] { ("2024-03-01T00:00:00Z", 1.0), ("2024-03-01T05:30:00+05:30", 2.0), ("2024-02-29T19:00:00-05:00", 3.0) })
        {
            var report = Report(start, "2024-03-02T00:00:00Z");
            report.Value = value;
            byKey[report] = value;
        }

        Assert.Equal(3.0, Assert.Single(byKey).Value);
    }

    [Fact]
    public void Gateway_job_attributes_are_keyed_by_resource_name_and_job_id()
    {
        var first = Samples.Job();
        var second = Samples.Job();
        second.GatewayUser = "bob@gateway.org";
        second.SubmitTime = "2020-01-01 00:00:00";
        second.Software = null;
        var otherJob = Samples.Job();
        otherJob.JobId = "12346";
        var otherResource = Samples.Job();
        otherResource.XsedeResourceName = "anvil.purdue.access-ci.org";

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, otherJob);
        Assert.NotEqual(first, otherResource);
        Assert.Equal(3, new HashSet<JobAttributes> { first, second, otherJob, otherResource }.Count);
    }

    [Fact]
    public void Upsert_key_comparer_handles_null()
    {
        var comparer = ComputeUsageRecord.UpsertKeyComparer;
        var record = Samples.Compute();

        Assert.True(comparer.Equals(null, null));
        Assert.False(comparer.Equals(record, null));
        Assert.False(comparer.Equals(null, record));
        Assert.True(comparer.Equals(record, Samples.Compute()));
        Assert.Equal(record.GetHashCode(), comparer.GetHashCode(record));
    }

    [Fact]
    public void Upsert_key_comparer_rejects_a_null_hash_argument_as_the_interface_documents()
    {
        // IEqualityComparer<T>.GetHashCode documents ArgumentNullException for a null reference,
        // as StringComparer.Ordinal and the other framework comparers throw.
        Assert.Throws<ArgumentNullException>(() => UsageReport.UpsertKeyComparer.GetHashCode(null!));
    }

    [Fact]
    public void Upsert_key_comparer_groups_like_equality()
    {
        var reports = new[]
        {
            Report("2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z"),
            Report("2024-03-01T01:00:00+01:00", "2024-03-02T00:00:00Z"),
            Report("2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z", user: null),
        };

        Assert.Equal(2, reports.Distinct(UsageReport.UpsertKeyComparer).Count());
        Assert.Equal(2, reports.GroupBy(report => report, UsageReport.UpsertKeyComparer).Count());
    }

    [Fact]
    public void Type_without_an_upsert_key_keeps_reference_equality()
    {
        // UsageStatusResource has no x-upsert-key: two equal-looking objects are still two objects.
        var first = new UsageStatusResource { Resource = "r", LoadedRecordCount = 1 };
        var second = new UsageStatusResource { Resource = "r", LoadedRecordCount = 1 };

        Assert.False(first.Equals(second));
        Assert.True(first.Equals(first));
        Assert.False(first == second);
        Assert.Equal(2, new HashSet<UsageStatusResource> { first, second }.Count);
        Assert.DoesNotContain(typeof(UsageStatusResource).GetInterfaces(), type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEquatable<>));
        Assert.Null(typeof(UsageStatusResource).GetProperty("UpsertKey"));
    }

    [Fact]
    public void Upsert_key_is_not_serialized()
    {
        // It is a view of members already on the wire; writing it would add a member the service does not know.
        var withUsageOptions = new[]
        {
            JsonSerializer.Serialize(Samples.Compute(), UsageJson.Options),
            JsonSerializer.Serialize(Samples.Report(), UsageJson.Options),
            JsonSerializer.Serialize(Samples.Job(), UsageJson.Options),
            JsonSerializer.Serialize<UsageMessage>(Samples.ComputeMessage(1), UsageJson.Options),
        };
        var withDefaultOptions = JsonSerializer.Serialize(Samples.Compute());

        Assert.All(withUsageOptions, json => Assert.DoesNotContain("UpsertKey", json, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("UpsertKey", withDefaultOptions, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"LocalRecordID\":\"job-1\"", withUsageOptions[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Upsert_key_round_trips_through_json_unchanged()
    {
        var original = Samples.Report();
        var copy = JsonSerializer.Deserialize<UsageReport>(JsonSerializer.Serialize(original, UsageJson.Options), UsageJson.Options)!;

        Assert.NotSame(original, copy);
        Assert.Equal(original, copy);
        Assert.Equal(original.UpsertKey, copy.UpsertKey);
    }
}
