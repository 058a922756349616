using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Validation;

namespace UsageSchema.Generators.Tests;

/// <summary>
/// The shared record interfaces the generator emits from <c>x-usage-record</c>, as compiled into the
/// library: this file compiles only if every marked record implements its API's interface.
/// </summary>
public class RecordInterfaceTests
{
    [Fact]
    public void The_three_AMIE_records_are_taken_as_IAmieUsageRecord_with_their_wire_identity_and_kind()
    {
        IEnumerable<IAmieUsageRecord> records =
        [
            new ComputeUsageRecord { Resource = "expanse.sdsc.access-ci.org", LocalRecordId = "1" },
            new StorageUsageRecord { Resource = "expanse.sdsc.access-ci.org", LocalRecordId = "2" },
            new AdjustmentUsageRecord { Resource = "expanse.sdsc.access-ci.org", LocalRecordId = "3" },
        ];

        Assert.Equal(["ComputeUsageRecord", "StorageUsageRecord", "AdjustmentUsageRecord"], records.Select(record => record.RecordKind));
        Assert.Equal(["1", "2", "3"], records.Select(record => record.LocalRecordId));
        Assert.All(records, record => Assert.Equal("expanse.sdsc.access-ci.org", record.Resource));
        // Validatable through the interface: each record lacks its other required members.
        Assert.All(records, record => Assert.False(record.Validate().IsValid));
    }

    [Fact]
    public void The_interface_of_each_API_carries_the_upsert_key_members_all_its_records_share_and_the_kind()
    {
        Assert.Equal(["LocalRecordId", "RecordKind", "Resource"], Members(typeof(IAmieUsageRecord)));
        Assert.Equal(["JobId", "RecordKind", "XsedeResourceName"], Members(typeof(IGatewayAttributesUsageRecord)));
        Assert.Equal(
            ["ComputeProjectId", "End", "Partition", "Priority", "ProjectOid", "RecordKind", "ResourceId", "Start", "User"],
            Members(typeof(IPerseusUsageRecord)));
        Assert.All([typeof(IAmieUsageRecord), typeof(IGatewayAttributesUsageRecord), typeof(IPerseusUsageRecord)], type => Assert.Contains(typeof(IValidatable), type.GetInterfaces()));
    }

    [Fact]
    public void Only_the_records_marked_in_the_spec_implement_it()
    {
        var implementations = typeof(IAmieUsageRecord).Assembly.GetTypes()
            .Where(type => type.IsClass && type.GetInterfaces().Any(candidate => candidate.Name.EndsWith("UsageRecord", StringComparison.Ordinal) && candidate.Name.StartsWith('I')))
            .Select(type => type.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["AdjustmentUsageRecord", "ComputeUsageRecord", "JobAttributes", "StorageUsageRecord", "UsageReport"], implementations);
        IPerseusUsageRecord report = new UsageReport { ProjectOid = "65e1f0c2a7b3d4e5f6a7b8c9" };
        IGatewayAttributesUsageRecord job = new JobAttributes { JobId = "4937919" };
        Assert.Equal(("UsageReport", "65e1f0c2a7b3d4e5f6a7b8c9"), (report.RecordKind, report.ProjectOid));
        Assert.Equal(("JobAttributes", "4937919"), (job.RecordKind, job.JobId));
    }

    private static List<string> Members(Type type) => [.. type.GetProperties().Select(property => property.Name).Order(StringComparer.Ordinal)];
}
