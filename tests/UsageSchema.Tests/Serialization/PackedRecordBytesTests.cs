using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Serialization;

/// <summary>
/// The packer writes records with direct writer calls planned from the serializer's contract, not
/// through <see cref="JsonSerializer"/>: each member form the contract has (the exact text of a plain
/// decimal charge, omitted optionals, numbers, enums, nested attributes, the storage record's
/// always-written <c>Attributes</c>, unknown members kept in extension data) must come out as the
/// serializer's bytes.
/// </summary>
public class PackedRecordBytesTests
{
    public static TheoryData<string> Cases => [.. Records().Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_packed_record_is_byte_for_byte_the_serialized_message(string name)
    {
        var record = Records()[name];
        using var packer = new RequestPacker();
        var outcome = packer.Add(record);
        Assert.Null(outcome.Failure);
        using var request = Assert.IsType<PackedRequest>(packer.Flush());

        var expected = JsonSerializer.SerializeToUtf8Bytes(Message(record), UsageJson.Options);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(request.Body.Span));
    }

    private static UsageMessage Message(object record) => record switch
    {
        ComputeUsageRecord compute => new ComputeUsageMessage { Records = { compute } },
        StorageUsageRecord storage => new StorageUsageMessage { Records = { storage } },
        AdjustmentUsageRecord adjustment => new AdjustmentUsageMessage { Records = { adjustment } },
        _ => throw new ArgumentOutOfRangeException(nameof(record)),
    };

    private static Dictionary<string, IAmieUsageRecord> Records() => new(StringComparer.Ordinal)
    {
        ["compute, every optional set"] = Compute(record =>
        {
            record.ParentRecordId = "31415925";
            record.LocalReference = "ref \"quoted\" é日本 <&> \u0001";
            record.Attributes = new ComputeAttributes { NodeCount = 2, CpuCoreCount = 256, JobName = "run\n1", Memory = 1e-05, Queue = "gpu" };
        }),
        ["compute, optionals unset"] = Compute(record => record.Attributes = new ComputeAttributes { NodeCount = 1 }),
        ["compute, charge with trailing zeros"] = Compute(record => record.Charge = "2.500000"),
        ["compute, negative charge"] = Compute(record => record.Charge = "-0.25"),
        ["compute, memory large and fractional"] = Compute(record => record.Attributes = new ComputeAttributes { NodeCount = 1, Memory = 123456789.123 }),
        ["compute, unknown members kept"] = Compute(record =>
        {
            record.AdditionalProperties["SiteField"] = JsonDocument.Parse("{\"a\":[1,2]}").RootElement.Clone();
            record.Attributes.AdditionalProperties["GpuCount"] = JsonDocument.Parse("4").RootElement.Clone();
        }),
        ["storage, no attributes"] = new StorageUsageRecord
        {
            Username = "jdoe", LocalProjectId = "csd123", LocalRecordId = "s-1", Resource = "ocean.psc.access-ci.org",
            CollectionTime = "2024-03-01T00:00:00+00:00", Charge = "10",
        },
        ["storage, attributes"] = new StorageUsageRecord
        {
            Username = "jdoe", LocalProjectId = "csd123", LocalRecordId = "s-2", Resource = "ocean.psc.access-ci.org",
            CollectionTime = "2024-03-01T00:00:00Z", Charge = "10.5",
            Attributes = new StorageAttributes { BytesStored = 1L << 40, FileCount = 12, CollectionInterval = 0.5, MediaType = "disk", UserCopies = 1 },
        },
        ["adjustment"] = new AdjustmentUsageRecord
        {
            AdjustmentType = Enum.GetValues<AdjustmentType>()[^1], Charge = "-3", StartTime = "2024-03-01T08:20:12-08:00",
            LocalProjectId = "csd123", LocalRecordId = "a-1", Resource = "expanse.sdsc.access-ci.org", Username = "jdoe", Comment = "refund",
        },
    };

    private static ComputeUsageRecord Compute(Action<ComputeUsageRecord> change)
    {
        var record = new ComputeUsageRecord
        {
            Username = "jdoe", LocalProjectId = "csd123", LocalRecordId = "31415926", Resource = "expanse.sdsc.access-ci.org",
            SubmitTime = "2024-03-01T08:15:00-08:00", StartTime = "2024-03-01T08:20:12-08:00", EndTime = "2024-03-01T10:20:12-08:00",
            Charge = "256.0", Attributes = new ComputeAttributes { NodeCount = 1 },
        };
        change(record);
        return record;
    }
}
