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
        Assert.Equal(["LocalRecordId", "RecordTypes", "Resource", "UsageType"], Members(typeof(IAmieUsageRecord)));
        Assert.Equal(["JobId", "RecordTypes", "XsedeResourceName"], Members(typeof(IGatewayAttributesUsageRecord)));
        Assert.Equal(
            ["ComputeProjectId", "End", "Partition", "Priority", "ProjectOid", "RecordTypes", "ResourceId", "Start", "User"],
            Members(typeof(IPerseusUsageRecord)));
        Assert.All([typeof(IAmieUsageRecord), typeof(IGatewayAttributesUsageRecord), typeof(IPerseusUsageRecord)], type => Assert.Contains(typeof(IUsageRecord), type.GetInterfaces()));
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

    [Fact]
    public void Each_record_names_its_api_usage_type_and_wire_identity_from_the_spec()
    {
        IUsageRecord[] records =
        [
            new ComputeUsageRecord { Resource = "expanse.sdsc.access-ci.org", LocalRecordId = "1" },
            new UsageReport { ProjectOid = "65e1f0c2a7b3d4e5f6a7b8c9", ComputeProjectId = "p", ResourceId = "r", Start = "2026-03-01T01:00:00+01:00", End = "2026-03-02T00:00:00Z" },
            new JobAttributes { XsedeResourceName = "expanse.sdsc.xsede.org", JobId = "4937919" },
        ];

        Assert.Equal([UsageApi.Amie, UsageApi.Perseus, UsageApi.GatewayAttributes], records.Select(record => record.Api));
        Assert.Equal(["expanse.sdsc.access-ci.org", "1"], records[0].WireIdentity);
        // x-upsert-key order; date-times as their UTC instant; the optional user, partition and priority null.
        Assert.Equal(["65e1f0c2a7b3d4e5f6a7b8c9", "p", "r", "2026-03-01T00:00:00.0000000Z", "2026-03-02T00:00:00.0000000Z", null, null, null], records[1].WireIdentity);
        Assert.Equal(["expanse.sdsc.xsede.org", "4937919"], records[2].WireIdentity);
        Assert.All(records, record => Assert.True(record.HasWireIdentity));
        Assert.False(((IUsageRecord)new JobAttributes { JobId = "1" }).HasWireIdentity);
    }

    [Fact]
    public void The_amie_interface_knows_its_record_types_by_usage_type()
    {
        Assert.Equal([typeof(AdjustmentUsageRecord), typeof(ComputeUsageRecord), typeof(StorageUsageRecord)], IAmieUsageRecord.RecordTypes);
        Assert.Equal([UsageType.Compute, UsageType.Storage, UsageType.Adjustment], new IAmieUsageRecord[] { new ComputeUsageRecord(), new StorageUsageRecord(), new AdjustmentUsageRecord() }.Select(record => record.UsageType));
        Assert.All(Enum.GetValues<UsageType>(), usageType => Assert.Equal(usageType, ((IAmieUsageRecord)Activator.CreateInstance(IAmieUsageRecord.RecordTypeOf(usageType))!).UsageType));
        Assert.Equal([typeof(UsageReport)], IPerseusUsageRecord.RecordTypes);
        Assert.Equal([typeof(JobAttributes)], IGatewayAttributesUsageRecord.RecordTypes);
    }

    private static List<string> Members(Type type) => [.. type.GetProperties().Select(property => property.Name).Order(StringComparer.Ordinal)];
}
