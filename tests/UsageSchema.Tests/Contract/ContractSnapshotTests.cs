using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Serialization;
using UsageSchema.Tests.Snapshots;

namespace UsageSchema.Tests.Contract;

/// <summary>
/// Pins the contract each spec produces: the C# surface callers compile against and the exact
/// bytes sent for representative messages. A spec edit that changes either fails here with a
/// diff, so the change is reviewed and its snapshot committed on purpose.
/// </summary>
public sealed class ContractSnapshotTests
{
    private const string Resource = "expanse.sdsc.access-ci.org";
    private const string ProjectOid = "65e1f0a2b3c4d5e6f7a8b9c0";

    [Theory]
    [InlineData("Amie")]
    [InlineData("GatewayAttributes")]
    [InlineData("Perseus")]
    public void Public_surface_matches_snapshot(string api) =>
        SnapshotAssert.Matches(PublicSurface.Render(typeof(UsageJson).Assembly, $"UsageSchema.{api}"), $"{api}.PublicSurface");

    [Theory]
    [InlineData("Amie.Compute.Full")]
    [InlineData("Amie.Compute.Minimal")]
    [InlineData("Amie.Storage.Full")]
    [InlineData("Amie.Storage.Minimal")]
    [InlineData("Amie.Adjustment.Full")]
    [InlineData("Amie.Adjustment.Minimal")]
    [InlineData("Perseus.UsageReport.Full")]
    [InlineData("Perseus.UsageReport.Minimal")]
    [InlineData("GatewayAttributes.JobAttributes.Full")]
    [InlineData("GatewayAttributes.JobAttributes.Minimal")]
    public void Wire_json_matches_snapshot(string name)
    {
        var (declaredType, message) = Message(name);

        var json = JsonSerializer.Serialize(message, declaredType, UsageJson.IndentedOptions);

        // Optional members are omitted, never sent as null; a snapshot accepted in a hurry must not hide that.
        Assert.DoesNotMatch(@":\s*null\b", json);
        SnapshotAssert.Matches(json, name);
    }

    [Theory]
    [InlineData("GatewayAttributes.JobAttributes.Full")]
    [InlineData("GatewayAttributes.JobAttributes.Minimal")]
    public async Task Job_attributes_form_body_matches_snapshot(string name)
    {
        var attributes = (JobAttributes)Message(name).Message;

        // JobAttributes as a flat form: JSON with the library's settings, read back as a dictionary,
        // form-encoded. (The client's own form, which never sends the record's apikey, is pinned by
        // GatewayAttributesClientTests.)
        var json = JsonSerializer.SerializeToUtf8Bytes(attributes, UsageJson.Options);
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(json, UsageJson.Options)!;
        using var content = new FormUrlEncodedContent(fields);

        SnapshotAssert.Matches(await content.ReadAsStringAsync(), name + ".Form");
    }

    private static (Type DeclaredType, object Message) Message(string name) => name switch
    {
        // AMIE messages are sent as the base type: the discriminator comes from the subtype.
        "Amie.Compute.Full" => (typeof(UsageMessage), new ComputeUsageMessage { Records = { FullComputeRecord() } }),
        "Amie.Compute.Minimal" => (typeof(UsageMessage), new ComputeUsageMessage { Records = { MinimalComputeRecord() } }),
        "Amie.Storage.Full" => (typeof(UsageMessage), new StorageUsageMessage { Records = { FullStorageRecord() } }),
        "Amie.Storage.Minimal" => (typeof(UsageMessage), new StorageUsageMessage { Records = { MinimalStorageRecord() } }),
        "Amie.Adjustment.Full" => (typeof(UsageMessage), new AdjustmentUsageMessage { Records = { FullAdjustmentRecord() } }),
        "Amie.Adjustment.Minimal" => (typeof(UsageMessage), new AdjustmentUsageMessage { Records = { MinimalAdjustmentRecord() } }),
        "Perseus.UsageReport.Full" => (typeof(UsageReport), FullUsageReport()),
        "Perseus.UsageReport.Minimal" => (typeof(UsageReport), MinimalUsageReport()),
        "GatewayAttributes.JobAttributes.Full" => (typeof(JobAttributes), FullJobAttributes()),
        "GatewayAttributes.JobAttributes.Minimal" => (typeof(JobAttributes), MinimalJobAttributes()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such message."),
    };

    private static ComputeUsageRecord FullComputeRecord() => new()
    {
        Username = "jdoe",
        LocalProjectId = "ddp123",
        LocalRecordId = "31415926",
        Resource = Resource,
        SubmitTime = "2024-03-01T09:41:07-05:00",
        StartTime = "2024-03-01T10:00:00-05:00",
        EndTime = "2024-03-01T12:30:00-05:00",
        Charge = "640.5",
        Attributes = new ComputeAttributes
        {
            NodeCount = 2,
            CpuCoreCount = 256,
            JobName = "namd-apoa1",
            Memory = 524288,
            Queue = "compute",
        },
        ParentRecordId = "31415900",
        LocalReference = "slurm:31415926",
    };

    private static ComputeUsageRecord MinimalComputeRecord() => new()
    {
        Username = "jdoe",
        LocalProjectId = "ddp123",
        LocalRecordId = "31415927",
        Resource = Resource,
        SubmitTime = "2024-03-01T09:41:07-05:00",
        StartTime = "2024-03-01T10:00:00-05:00",
        EndTime = "2024-03-01T10:05:00-05:00",
        Charge = "0.083333",
        Attributes = new ComputeAttributes { NodeCount = 1 },
    };

    private static StorageUsageRecord FullStorageRecord() => new()
    {
        Username = "jdoe",
        LocalProjectId = "ddp123",
        LocalRecordId = "storage-ddp123-20240301",
        Resource = "ranch.tacc.access-ci.org",
        CollectionTime = "2024-03-01T00:00:00-06:00",
        Charge = "12.25",
        Attributes = new StorageAttributes
        {
            BytesRead = 1073741824,
            BytesStored = 5497558138880,
            BytesWritten = 2147483648,
            CollectionInterval = 1,
            FileCount = 120000,
            FilesRead = 340,
            FilesWritten = 512,
            MediaType = "Tape",
            SystemCopies = 2,
            UserCopies = 1,
        },
        LocalReference = "ranch-quota-20240301",
    };

    private static StorageUsageRecord MinimalStorageRecord() => new()
    {
        Username = "jdoe",
        LocalProjectId = "ddp123",
        LocalRecordId = "storage-ddp123-20240302",
        Resource = "ranch.tacc.access-ci.org",
        CollectionTime = "2024-03-02T00:00:00-06:00",
        Charge = "12.25",
    };

    private static AdjustmentUsageRecord FullAdjustmentRecord() => new()
    {
        AdjustmentType = AdjustmentType.StorageCredit,
        Charge = "100.0",
        StartTime = "2024-03-01T10:00:00-05:00",
        LocalProjectId = "ddp123",
        LocalRecordId = "adjustment-20240301-1",
        Resource = Resource,
        Username = "jdoe",
        Comment = "Credit for the storage outage of 2024-02-28",
        LocalReference = "ticket-4711",
    };

    private static AdjustmentUsageRecord MinimalAdjustmentRecord() => new()
    {
        AdjustmentType = AdjustmentType.Refund,
        Charge = "640.5",
        // A refund starts when the refunded job was submitted.
        StartTime = "2024-03-01T09:41:07-05:00",
        LocalProjectId = "ddp123",
        LocalRecordId = "refund-31415926",
        Resource = Resource,
        Username = "jdoe",
    };

    private static UsageReport FullUsageReport() => new()
    {
        ProjectOid = ProjectOid,
        ComputeProjectId = "chem-md-2024",
        ResourceId = Resource,
        Start = "2024-03-01T00:00:00-05:00",
        End = "2024-03-02T00:00:00-05:00",
        Value = 1234.5,
        ContingentFactor = 1.5,
        User = "jdoe",
        Partition = "gpu",
        Priority = "normal",
        AdditionalMetrics =
        [
            new AdditionalMetric { MetricId = "gpu_hours", Value = 96, ContingentFactor = 2.5 },
            new AdditionalMetric { MetricId = "energy_kwh", Value = 210.75, ContingentFactor = 0.1 },
        ],
        AdditionalResources =
        [
            new AdditionalResource { ResourceId = "expanse-gpu.sdsc.access-ci.org", Value = 48, ContingentFactor = 4 },
        ],
        AdditionalData = new Dictionary<string, System.Text.Json.JsonElement> { ["jobs"] = System.Text.Json.JsonSerializer.SerializeToElement(17), ["scheduler"] = System.Text.Json.JsonSerializer.SerializeToElement("slurm") },
    };

    private static UsageReport MinimalUsageReport() => new()
    {
        ProjectOid = ProjectOid,
        ComputeProjectId = "chem-md-2024",
        ResourceId = Resource,
        Start = "2024-03-01T00:00:00-05:00",
        End = "2024-03-02T00:00:00-05:00",
        Value = 0,
    };

    private static JobAttributes FullJobAttributes() => new()
    {
        GatewayUser = "jane.doe@example.edu",
        // The gateway service still knows resources under their XSEDE names.
        XsedeResourceName = "expanse.sdsc.xsede.org",
        JobId = "4937919",
        // The service's own format, not ISO 8601 (see the spec's submittime).
        SubmitTime = "2024-03-01 09:41:07 -05:00",
        Software = "gromacs 2023.3",
        Debug = "1",
#pragma warning disable CS0612, CS0618 // The legacy form field is still part of the wire contract.
        ApiKey = "not-a-real-key",
#pragma warning restore CS0612, CS0618
    };

    private static JobAttributes MinimalJobAttributes() => new()
    {
        GatewayUser = "jane.doe@example.edu",
        XsedeResourceName = "expanse.sdsc.xsede.org",
        JobId = "4937920",
        SubmitTime = "2024-03-01 09:45:00 -05:00",
    };
}
