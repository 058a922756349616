using System.Text;
using System.Text.Json.Nodes;
using UsageSchema.Amie;
using UsageSchema.Cli.Input;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;

namespace UsageSchema.Cli.Tests;

/// <summary>The CLI's record types come from the generated ones: the <c>--type</c> words, the API of each, the member rule.</summary>
public class InputRecordTypesTests
{
    [Fact]
    public void The_type_words_are_the_usage_types_and_the_single_record_apis()
    {
        Assert.Equal("compute, storage, adjustment, perseus, gateway", InputRecordTypes.Words);
        Assert.Equal("Compute, Storage, Adjustment", InputRecordTypes.UsageTypeNames);
        Assert.True(InputRecordTypes.TryParse("STORAGE", out var storage));
        Assert.Equal(typeof(StorageUsageRecord), storage);
        Assert.True(InputRecordTypes.TryParse("gateway", out var gateway));
        Assert.Equal(typeof(JobAttributes), gateway);
        Assert.False(InputRecordTypes.TryParse("cloud", out _));
    }

    [Fact]
    public void An_api_with_one_record_type_defaults_to_it_and_amie_to_none()
    {
        Assert.Equal(typeof(UsageReport), InputRecordTypes.OnlyTypeOf(UsageApi.Perseus));
        Assert.Equal(typeof(JobAttributes), InputRecordTypes.OnlyTypeOf(UsageApi.GatewayAttributes));
        Assert.Null(InputRecordTypes.OnlyTypeOf(UsageApi.Amie));
    }

    [Theory]
    [InlineData("Compute", typeof(ComputeUsageRecord))]
    [InlineData("Adjustment", typeof(AdjustmentUsageRecord))]
    [InlineData("compute", null)]
    [InlineData("0", null)]
    public void A_message_usage_type_is_matched_exactly_as_the_wire_spells_it(string text, Type? expected) =>
        Assert.Equal(expected, InputRecordTypes.OfUsageType(text));

    [Theory]
    [InlineData("""{"project_oid": "a", "AdjustmentType": "x"}""", typeof(UsageReport))]
    [InlineData("""{"xsederesourcename": "a", "CollectionTime": "x"}""", typeof(JobAttributes))]
    [InlineData("""{"CollectionTime": "x", "AdjustmentType": "x"}""", typeof(AdjustmentUsageRecord))]
    [InlineData("""{"CollectionTime": "x"}""", typeof(StorageUsageRecord))]
    [InlineData("""{"Username": "x"}""", typeof(ComputeUsageRecord))]
    public void The_object_path_and_the_byte_path_tell_the_same_type(string json, Type expected)
    {
        Assert.Equal(expected, RecordSniffer.Of(JsonNode.Parse(json)!.AsObject(), given: null));
        var mark = JsonNode.Parse(json)!.AsObject().Select(member => RecordSniffer.MarkOf(Encoding.UTF8.GetBytes(member.Key))).Min();
        Assert.Equal(expected, RecordSniffer.TypeOfMark(mark));
    }
}
