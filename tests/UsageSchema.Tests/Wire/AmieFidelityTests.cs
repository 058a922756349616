using System.Text.Json;
using System.Text.Json.Nodes;
using UsageSchema.Amie;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Wire;

/// <summary>
/// What public clients and site scripts put on the AMIE wire (api-facts "More AMIE facts"): charges
/// as numbers in exponent form or with a '+', ids as numbers, nulls for attributes, non-integer
/// memory; and what this library writes back (plain decimal charges, "Attributes": {} on storage).
/// </summary>
public class AmieFidelityTests
{
    private static JsonObject Write<T>(T value) => JsonNode.Parse(JsonSerializer.Serialize(value, UsageJson.Options))!.AsObject();

    [Fact]
    public void Site_script_message_reads_every_charge_spelling_as_plain_decimal_and_nulls_as_absent()
    {
        var message = Assert.IsType<ComputeUsageMessage>(JsonSerializer.Deserialize<UsageMessage>(Fixture.Read("amie/compute-message.site-script.json"), UsageJson.Options));

        Assert.Equal(["0.00001", "2.5", "2500"], message.Records.Select(record => record.Charge));
        var first = message.Records[0];
        Assert.Equal("4242", first.LocalRecordId);
        Assert.Null(first.Attributes.CpuCoreCount);
        Assert.Null(first.Attributes.JobName);
        Assert.Null(first.Attributes.Queue);
        Assert.Null(first.LocalReference);
        Assert.Equal(1.5, first.Attributes.Memory);
        Assert.Equal(0, message.Records[2].Attributes.NodeCount);
    }

    [Fact]
    public void Site_script_message_validates_except_the_record_whose_required_node_count_was_null()
    {
        var message = Assert.IsType<ComputeUsageMessage>(JsonSerializer.Deserialize<UsageMessage>(Fixture.Read("amie/compute-message.site-script.json"), UsageJson.Options));

        var violations = message.Validate().Violations;

        // Exponent and '+' charges, the number id and the fractional Memory are all accepted; the
        // null NodeCount reads as absent, which the spec's minimum reports by name.
        var violation = Assert.Single(violations);
        Assert.Equal("Records[2].Attributes.NodeCount: must be >= 1; got 0", violation.ToString());
    }

    [Fact]
    public void Site_script_message_written_back_has_plain_decimal_string_charges_and_no_nulls()
    {
        var message = JsonSerializer.Deserialize<UsageMessage>(Fixture.Read("amie/compute-message.site-script.json"), UsageJson.Options);

        var written = JsonSerializer.Serialize(message, UsageJson.Options);

        Assert.Contains("\"Charge\":\"0.00001\"", written, StringComparison.Ordinal);
        Assert.Contains("\"Charge\":\"2.5\"", written, StringComparison.Ordinal);
        Assert.Contains("\"Charge\":\"2500\"", written, StringComparison.Ordinal);
        Assert.Contains("\"LocalRecordID\":\"4242\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("null", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e-05", "0.00001")]
    [InlineData("+2.5", "2.5")]
    [InlineData("2.500000", "2.500000")]
    [InlineData("-1.5E2", "-150")]
    [InlineData("0.000000", "0.000000")]
    public void Charge_set_in_code_is_written_as_a_plain_decimal_string(string charge, string wire)
    {
        var record = TestAmie.Compute();
        record.Charge = charge;

        Assert.Equal(wire, Write(record)["Charge"]!.GetValue<string>());
    }

    [Fact]
    public void Charge_that_is_not_a_number_is_kept_so_validation_quotes_it()
    {
        var record = JsonSerializer.Deserialize<ComputeUsageRecord>(Write(TestAmie.Compute()).ToJsonString().Replace("\"1.5\"", "\"1.5 SU\"", StringComparison.Ordinal), UsageJson.Options)!;

        Assert.Equal("1.5 SU", record.Charge);
        Assert.Contains(record.Validate().Violations, violation => violation.Path == "Charge" && violation.Message.EndsWith("got '1.5 SU'", StringComparison.Ordinal));
    }

    [Fact]
    public void Storage_record_without_attributes_is_written_with_empty_attributes_as_the_reference_client_does()
    {
        var record = TestAmie.Storage();
        record.Attributes = null;

        var json = Write(record);

        Assert.Equal("{}", json["Attributes"]!.ToJsonString());
        Assert.Null(record.Attributes);
    }

    [Fact]
    public void Storage_record_read_without_attributes_stays_without_attributes()
    {
        var json = Write(TestAmie.Storage());
        json.Remove("Attributes");

        var record = JsonSerializer.Deserialize<StorageUsageRecord>(json.ToJsonString(), UsageJson.Options)!;

        Assert.Null(record.Attributes);
        Assert.True(record.IsValid());
    }

    [Fact]
    public void Storage_collection_interval_that_is_not_an_integer_is_not_rejected()
    {
        var record = JsonSerializer.Deserialize<StorageUsageRecord>(
            Write(TestAmie.Storage()).ToJsonString().Replace("\"MediaType\"", "\"CollectionInterval\":0.5,\"MediaType\"", StringComparison.Ordinal), UsageJson.Options)!;

        Assert.Equal(0.5, record.Attributes!.CollectionInterval);
        Assert.True(record.IsValid());
    }

    [Fact]
    public void Usage_response_with_failed_records_reads_number_ids_exponent_charges_and_nulls()
    {
        var response = JsonSerializer.Deserialize<UsageResponse>(Fixture.Read("amie/usage-response.failed-records.json"), UsageJson.Options)!;

        var failed = Assert.Single(response.AllFailedRecords);
        Assert.Equal(("17", "1e-05", "Allocation could not be found"), (failed.LocalRecordId, failed.Charge, failed.Error));
        Assert.Null(failed.LocalReference);
        Assert.Contains("1 records failed", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_response_with_validation_failed_records_reads_storage_failures()
    {
        var response = JsonSerializer.Deserialize<UsageResponse>(Fixture.Read("amie/usage-response.validation-failed-records.json"), UsageJson.Options)!;

        var failed = Assert.Single(response.AllFailedRecords);
        Assert.Equal((UsageType.Storage, "s-9", "+2.5"), (failed.UsageType, failed.LocalRecordId, failed.Charge));
        Assert.Equal(2, failed.Attributes!.Count);
    }

    [Fact]
    public void Status_error_groups_without_an_error_text_are_read()
    {
        var status = JsonSerializer.Deserialize<List<UsageStatusResource>>(Fixture.Read("amie/status.errors-without-error.json"), UsageJson.Options)!;

        var resource = Assert.Single(status);
        Assert.Equal(0.25, resource.TotalCharge);
        Assert.Equal(2, resource.Errors!.Count);
        Assert.All(resource.Errors, group => Assert.Null(group.Error));
        Assert.True(resource.Validate().IsValid);
    }

    [Fact]
    public void Required_count_sent_as_null_reads_as_absent_instead_of_failing_the_whole_body()
    {
        var status = JsonSerializer.Deserialize<List<UsageStatusResource>>(
            """[{"Resource":"r","LoadedRecordCount":null,"FailedJobCount":"2","TotalCharge":null}]""", UsageJson.Options)!;

        Assert.Equal((0L, 2L, 0d), (status[0].LoadedRecordCount, status[0].FailedJobCount, status[0].TotalCharge));
    }

    [Theory]
    [InlineData("\"many\"")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    [InlineData("true")]
    public void Required_count_of_the_wrong_type_still_fails_naming_its_path_and_type(string value)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ComputeAttributes>("{\"NodeCount\":" + value + "}", UsageJson.Options));

        Assert.Equal("$.NodeCount", error.Path);
        Assert.StartsWith("The JSON value could not be converted to System.Int32.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_count_sent_as_a_numeric_string_is_read()
    {
        Assert.Equal(3, JsonSerializer.Deserialize<ComputeAttributes>("{\"NodeCount\":\"3\"}", UsageJson.Options)!.NodeCount);
    }
}
