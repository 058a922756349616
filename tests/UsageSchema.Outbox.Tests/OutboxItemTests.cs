using System.Text.Json;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox.Tests;

/// <summary>
/// An item keeps its payload as the serializer's UTF-8 bytes and makes the string only when asked: the
/// string is still exactly the serializer's text, and equality still compares every member, the
/// payload included (a record's synthesized equality would compare the byte array by reference).
/// </summary>
public sealed class OutboxItemTests
{
    [Fact]
    public void The_payload_is_the_serializers_wire_json_including_characters_beyond_ascii()
    {
        var record = Records.Compute("é-1");
        record.Username = "jürgen";

        var item = OutboxItem.For(record);

        Assert.Equal(JsonSerializer.Serialize(record, UsageJson.Options), item.Payload);
        Assert.Contains("jürgen", item.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_of_the_same_record_are_equal_and_any_member_tells_them_apart()
    {
        var first = OutboxItem.For(Records.Compute("1"));
        var same = OutboxItem.For(Records.Compute("1"));

        Assert.Equal(first, same);
        Assert.Equal(first.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(first, OutboxItem.For(Records.Compute("1", charge: "9.5")));
        Assert.NotEqual(first, OutboxItem.For(Records.Compute("2")));
        Assert.NotEqual(first, first with { Source = "records.jsonl line 1" });
        Assert.Equal(first with { Source = "a" }, same with { Source = "a" });
    }

    [Fact]
    public void A_copy_made_with_a_source_keeps_the_payload()
    {
        var item = OutboxItem.For(Records.Compute("1"));

        var copy = item with { Source = "records.jsonl line 7" };

        Assert.Equal(item.Payload, copy.Payload);
        Assert.Equal("records.jsonl line 7", copy.Source);
    }
}
