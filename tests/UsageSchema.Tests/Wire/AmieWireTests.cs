using System.Text.Json;
using System.Text.Json.Nodes;
using UsageSchema.Amie;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Wire;

public class AmieWireTests
{
    private static ComputeUsageRecord FullComputeRecord() => new()
    {
        Username = "jdoe",
        LocalProjectId = "TG-ABC123",
        LocalRecordId = "job-1001",
        Resource = "expanse.sdsc.access-ci.org",
        SubmitTime = "2024-03-01T09:55:00-05:00",
        StartTime = "2024-03-01T10:00:00-05:00",
        EndTime = "2024-03-01T12:00:00-05:00",
        Charge = "256.000000",
        Attributes = new ComputeAttributes { NodeCount = 2, CpuCoreCount = 256, JobName = "md-run", Memory = 524288, Queue = "compute" },
        ParentRecordId = "job-1000",
        LocalReference = "acct-77",
    };

    private static ComputeUsageRecord MinimalComputeRecord()
    {
        var record = FullComputeRecord();
        record.ParentRecordId = null;
        record.LocalReference = null;
        record.Attributes = new ComputeAttributes { NodeCount = 1 };
        return record;
    }

    private static JsonObject Write<T>(T value) => JsonNode.Parse(JsonSerializer.Serialize(value, UsageJson.Options))!.AsObject();

    private static string[] Keys(JsonObject json) => [.. json.Select(property => property.Key)];

    [Fact]
    public void Reference_example_reads_and_writes_back_with_the_same_keys_and_values()
    {
        var original = Fixture.Read("amie/compute-message.reference.json");

        var message = JsonSerializer.Deserialize<UsageMessage>(original, UsageJson.Options);
        var written = JsonSerializer.Serialize(message, UsageJson.Options);

        var compute = Assert.IsType<ComputeUsageMessage>(message);
        Assert.Equal("r1", Assert.Single(compute.Records).LocalRecordId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Full_compute_record_writes_exactly_the_documented_keys_in_spec_order()
    {
        var json = Write(FullComputeRecord());

        Assert.Equal(
            ["Username", "LocalProjectID", "LocalRecordID", "Resource", "SubmitTime", "StartTime", "EndTime", "Charge", "Attributes", "ParentRecordID", "LocalReference"],
            Keys(json));
        Assert.Equal(["NodeCount", "CpuCoreCount", "JobName", "Memory", "Queue"], Keys(json["Attributes"]!.AsObject()));
    }

    [Fact]
    public void Minimal_compute_record_omits_every_optional_member_instead_of_writing_null()
    {
        var text = JsonSerializer.Serialize(MinimalComputeRecord(), UsageJson.Options);
        var json = JsonNode.Parse(text)!.AsObject();

        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.False(json.ContainsKey("ParentRecordID"));
        Assert.False(json.ContainsKey("LocalReference"));
        Assert.Equal(["NodeCount"], Keys(json["Attributes"]!.AsObject()));
    }

    [Fact]
    public void Optional_members_are_omitted_even_with_default_serializer_options()
    {
        // The attribute on each optional member, not UsageJson, guarantees the omission.
        var text = JsonSerializer.Serialize(MinimalComputeRecord());

        Assert.DoesNotContain("ParentRecordID", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CpuCoreCount", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ParentRecordID_is_a_plain_string_when_set()
    {
        var json = Write(FullComputeRecord());

        Assert.Equal(JsonValueKind.String, json["ParentRecordID"]!.GetValueKind());
        Assert.Equal("job-1000", json["ParentRecordID"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(AdjustmentType.Credit, "credit")]
    [InlineData(AdjustmentType.Refund, "refund")]
    [InlineData(AdjustmentType.StorageCredit, "storage-credit")]
    [InlineData(AdjustmentType.Debit, "debit")]
    [InlineData(AdjustmentType.Reservation, "reservation")]
    [InlineData(AdjustmentType.StorageDebit, "storage-debit")]
    public void AdjustmentType_goes_out_exactly_as_on_the_wire_and_reads_back(AdjustmentType type, string wire)
    {
        var record = new AdjustmentUsageRecord
        {
            AdjustmentType = type,
            Charge = "-10.0",
            StartTime = "2024-03-01T09:55:00-05:00",
            LocalProjectId = "TG-ABC123",
            LocalRecordId = "adj-1",
            Resource = "expanse.sdsc.access-ci.org",
            Username = "jdoe",
        };

        var json = Write(record);
        var back = JsonSerializer.Deserialize<AdjustmentUsageRecord>(json.ToJsonString(), UsageJson.Options)!;

        Assert.Equal(wire, json["AdjustmentType"]!.GetValue<string>());
        Assert.Equal(type, back.AdjustmentType);
        Assert.False(json.ContainsKey("Attributes"));
    }

    [Theory]
    [InlineData("2021-01-01T00:00:00Z")]
    [InlineData("2022-06-09T02:00:00-05:00")]
    [InlineData("2024-03-01T10:00:00.125+05:30")]
    public void Times_keep_their_ISO_8601_text_and_offset(string time)
    {
        var record = FullComputeRecord();
        record.EndTime = time;

        var text = JsonSerializer.Serialize(record, UsageJson.Options);

        Assert.Contains($"\"EndTime\":\"{time}\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_serialized_as_its_subtype_or_as_UsageMessage_is_the_same_with_UsageType_first()
    {
        var message = new ComputeUsageMessage { Records = [FullComputeRecord()] };

        var asSubtype = JsonSerializer.Serialize(message, UsageJson.Options);
        var asBase = JsonSerializer.Serialize<UsageMessage>(message, UsageJson.Options);

        Assert.Equal(asSubtype, asBase);
        Assert.StartsWith("{\"UsageType\":\"Compute\",\"Records\":[", asBase, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_clients_payload_is_read_tolerantly_and_keeps_unknown_members()
    {
        var message = JsonSerializer.Deserialize<UsageMessage>(Fixture.Read("amie/compute-message.other-client.json"), UsageJson.Options);

        var record = Assert.Single(Assert.IsType<ComputeUsageMessage>(message).Records);
        Assert.Equal("42", record.LocalRecordId);
        Assert.Equal("2.500000", record.Charge);
        Assert.Equal(2, record.Attributes.NodeCount);
        Assert.Equal("2022-06-09T04:00:00.250+05:30", record.EndTime);

        var written = JsonNode.Parse(JsonSerializer.Serialize(message, UsageJson.Options))!;
        var writtenRecord = written["Records"]![0]!;
        Assert.Equal("Compute", written["UsageType"]!.GetValue<string>());
        Assert.Equal(4, writtenRecord["Attributes"]!["Gpus"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "account": "abc", "tags": ["x", "y"] }"""), writtenRecord["SiteSpecific"]));
        Assert.Single(written.AsObject(), property => property.Key == "UsageType");
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("[]")]
    [InlineData("null")]
    public void Reference_clients_stray_ParentRecordID_is_read_as_absent_and_not_written_back(string stray)
    {
        var original = Fixture.Read("amie/compute-message.reference.json").Replace("\"Charge\"", $"\"ParentRecordID\": {stray}, \"Charge\"", StringComparison.Ordinal);

        var message = Assert.IsType<ComputeUsageMessage>(JsonSerializer.Deserialize<UsageMessage>(original, UsageJson.Options));
        var written = JsonSerializer.Serialize<UsageMessage>(message, UsageJson.Options);

        Assert.Null(Assert.Single(message.Records).ParentRecordId);
        Assert.DoesNotContain("ParentRecordID", written, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_element_array_around_a_string_member_is_read_as_its_value()
    {
        var record = JsonSerializer.Deserialize<ComputeUsageRecord>("""{"ParentRecordID":["job-7"],"LocalRecordID":[8]}""", UsageJson.Options)!;

        Assert.Equal(("job-7", "8"), (record.ParentRecordId, record.LocalRecordId));
    }

    [Theory]
    [InlineData("""{"Charge":["1","2"]}""")]
    [InlineData("""{"Charge":{"value":1}}""")]
    [InlineData("""{"Charge":true}""")]
    public void A_value_that_is_no_string_is_a_JSON_error_naming_the_member(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ComputeUsageRecord>(json, UsageJson.Options));

        Assert.Equal("$.Charge", error.Path);
    }

    [Fact]
    public void Unknown_UsageType_is_a_clear_error_naming_the_member()
    {
        var error = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<UsageMessage>("""{"UsageType":"Network","Records":[]}""", UsageJson.Options));

        Assert.Contains("UsageType", error.Message, StringComparison.Ordinal);
        Assert.Contains("Network", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_UsageType_is_a_clear_error_naming_the_member()
    {
        var error = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<UsageMessage>("""{"Records":[]}""", UsageJson.Options));

        Assert.Contains("UsageType", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_usage_response_reads_its_ValidationFailedRecords_key()
    {
        var response = JsonSerializer.Deserialize<UsageResponse>(Fixture.Read("amie/usage-response.reference.json"), UsageJson.Options)!;

        Assert.Equal("1 records have been queued for loading.", response.Message);
        Assert.Empty(response.AllFailedRecords);
    }

    [Theory]
    [InlineData("ValidationFailedRecords")]
    [InlineData("FailedRecords")]
    public void Usage_response_reads_failed_records_under_either_key(string key)
    {
        var body = $$"""{"Message":"0 records have been queued for loading.","{{key}}":[{"UsageType":"Compute","Error":"StartTime after EndTime","LocalRecordID":7}]}""";

        var response = JsonSerializer.Deserialize<UsageResponse>(body, UsageJson.Options)!;

        var failed = Assert.Single(response.AllFailedRecords);
        Assert.Equal("7", failed.LocalRecordId);
        Assert.Equal(UsageType.Compute, failed.UsageType);
    }

    [Fact]
    public void Failed_storage_and_adjustment_records_parse_with_ids_as_number_or_string()
    {
        var failed = JsonSerializer.Deserialize<FailedUsageRecords>(Fixture.Read("amie/failed-records.storage.json"), UsageJson.Options)!;

        Assert.Collection(
            failed.AllFailedRecords,
            storage =>
            {
                Assert.Equal("17", storage.FailedRecordId);
                Assert.Equal(UsageType.Storage, storage.UsageType);
                Assert.Equal("120.5", storage.Charge);
                Assert.Equal("2024-03-31T23:59:59Z", storage.CollectionTime);
                Assert.Equal("Tape", ((JsonElement)storage.Attributes!["MediaType"]).GetString());
            },
            adjustment =>
            {
                Assert.Equal("18", adjustment.FailedRecordId);
                Assert.Equal("storage-credit", adjustment.AdjustmentType);
                Assert.Null(adjustment.Username);
            });
    }

    [Fact]
    public void Reference_status_reads_and_writes_back_with_the_same_keys_and_values()
    {
        var original = Fixture.Read("amie/status.reference.json");

        var status = JsonSerializer.Deserialize<List<UsageStatusResource>>(original, UsageJson.Options)!;
        var written = JsonSerializer.Serialize(status, UsageJson.Options);

        var resource = Assert.Single(status);
        Assert.Equal(("pnrp.sdsc.access-ci.org", 1L, 0L, 2.5), (resource.Resource, resource.LoadedRecordCount, resource.FailedJobCount, resource.TotalCharge));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Status_reads_numbers_sent_as_strings_and_error_groups()
    {
        const string body = """[{"Resource":"r","LoadedRecordCount":"3","FailedJobCount":1,"TotalCharge":"7.25","Errors":[{"Error":"Unknown user","Records":[{"UsageType":"Compute","LocalRecordID":"x"}]}]}]""";

        var resource = Assert.Single(JsonSerializer.Deserialize<List<UsageStatusResource>>(body, UsageJson.Options)!);

        Assert.Equal(3, resource.LoadedRecordCount);
        Assert.Equal(7.25, resource.TotalCharge);
        var group = Assert.Single(resource.Errors!);
        Assert.Equal("Unknown user", group.Error);
        Assert.Equal("x", Assert.Single(group.Records!).LocalRecordId);
    }
}
