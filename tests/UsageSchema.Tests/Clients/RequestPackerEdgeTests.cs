using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// What the packer says about the items it keeps back, records that outgrow the open request's
/// buffer, and a request used after it was disposed. The messages are what an operator reads in the
/// log, so they are compared in full where they are fixed text.
/// </summary>
public class RequestPackerEdgeTests
{
    // The input is typed (IAmieUsageRecord): a string cannot be passed any more, only null.
    [Fact]
    public void A_null_item_is_named_by_position()
    {
        using var packer = new RequestPacker();
        packer.Add(TestRecords.Compute("c-0"));

        var nothing = packer.Add(null).Failure;

        Assert.Equal("Item #1 is null, not an AMIE record.", nothing?.Message);
        Assert.Equal(1, nothing?.Index);
        Assert.Null(nothing?.Record);
    }

    [Fact]
    public void An_invalid_record_without_id_or_resource_says_so_in_its_message()
    {
        var record = TestRecords.Storage();
        record.LocalRecordId = null!;
        record.Resource = null!;
        using var packer = new RequestPacker();
        packer.Add(TestRecords.Storage("s-0"));

        var failure = packer.Add(record).Failure;

        Assert.NotNull(failure);
        Assert.Equal(LocalFailureReason.Invalid, failure.Reason);
        Assert.Equal(UsageType.Storage, failure.UsageType);
        Assert.Equal(
            "Storage record (no LocalRecordID) on (no Resource) (#1) is invalid: LocalRecordID: is required but missing; Resource: is required but missing",
            failure.Message);
        Assert.Equal(2, failure.Violations.Count);
    }

    [Fact]
    public void An_unserializable_record_is_named_with_the_serializer_reason()
    {
        var record = TestRecords.Adjustment("adj-9");

        // An unset JsonElement: the one extension value the serializer refuses to write.
        record.AdditionalProperties["Kind"] = default;
        using var packer = new RequestPacker();

        var failure = packer.Add(record).Failure;

        Assert.NotNull(failure);
        Assert.Equal(LocalFailureReason.Unserializable, failure.Reason);
        Assert.StartsWith("Adjustment record 'adj-9' on 'expanse.sdsc.access-ci.org' (#0) cannot be serialized: ", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Message.Length > "Adjustment record 'adj-9' on 'expanse.sdsc.access-ci.org' (#0) cannot be serialized: ".Length);
        Assert.Empty(failure.Violations);
    }

    [Fact]
    public void Records_kept_back_after_being_written_leave_nothing_in_the_request()
    {
        // Each record is written into the open request before it is judged: a kept-back one is rolled back.
        var tooLarge = TestRecords.Compute("too-large", new string('r', 300_000));
        var unserializable = TestRecords.Compute("unserializable");
        unserializable.AdditionalProperties["Kind"] = default;
        var escaped = TestRecords.Compute("quote \" and tab \t");
        var kept = new[] { TestRecords.Compute("first"), escaped, TestRecords.Compute("last") };
        using var packer = new RequestPacker();

        Assert.Equal(default, packer.Add(kept[0]));
        Assert.Equal(LocalFailureReason.TooLarge, packer.Add(tooLarge).Failure?.Reason);
        Assert.Equal(default, packer.Add(kept[1]));
        Assert.Equal(LocalFailureReason.Unserializable, packer.Add(unserializable).Failure?.Reason);
        Assert.Equal(default, packer.Add(kept[2]));

        using var request = packer.Flush();
        Assert.NotNull(request);
        var expected = JsonSerializer.SerializeToUtf8Bytes(new ComputeUsageMessage { Records = kept }, UsageJson.Options);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(request.Body.Span));
        Assert.Equal(["first", "quote \" and tab \t", "last"], request.Records.Select(record => record.LocalRecordId));
        Assert.Null(packer.Flush());
    }

    [Fact]
    public void A_packer_whose_only_record_was_kept_back_has_nothing_to_flush()
    {
        using var packer = new RequestPacker();

        Assert.Equal(LocalFailureReason.TooLarge, packer.Add(TestRecords.Storage("too-large", new string('s', 300_000))).Failure?.Reason);

        Assert.Null(packer.Flush());
    }

    [Fact]
    public void A_record_larger_than_twice_the_open_buffer_is_packed_whole()
    {
        // The open request starts with a 16 KiB buffer; a 40 KB record has to grow it past doubling.
        var huge = TestRecords.Compute("huge", new string('r', 40_000));
        var records = new[] { TestRecords.Compute("before"), huge, TestRecords.Compute("after") };
        using var packer = new RequestPacker();

        foreach (var record in records)
        {
            Assert.Equal(default, packer.Add(record));
        }

        using var request = packer.Flush();
        Assert.NotNull(request);
        var expected = JsonSerializer.SerializeToUtf8Bytes(new ComputeUsageMessage { Records = records }, UsageJson.Options);
        Assert.Equal(expected, request.Body.ToArray());
    }

    [Fact]
    public void A_huge_record_alone_in_a_new_request_is_packed_whole()
    {
        // The same growth as the first record of a request, right after the envelope.
        var huge = TestRecords.Storage("huge", new string('s', 70_000));
        using var packer = new RequestPacker();

        Assert.Equal(default, packer.Add(huge));

        using var request = packer.Flush();
        Assert.NotNull(request);
        var expected = JsonSerializer.SerializeToUtf8Bytes(new StorageUsageMessage { Records = [huge] }, UsageJson.Options);
        Assert.Equal(expected, request.Body.ToArray());
    }

    [Fact]
    public void A_request_body_cannot_be_read_after_the_request_is_disposed()
    {
        using var packer = new RequestPacker();
        packer.Add(TestRecords.Compute());
        var request = packer.Flush()!;
        Assert.False(request.Body.IsEmpty);

        request.Dispose();

        Assert.Throws<ObjectDisposedException>(() => request.Body);
        request.Dispose(); // twice is harmless
    }

    [Fact]
    public void A_disposed_packer_refuses_more_work()
    {
        var packer = new RequestPacker();
        packer.Add(TestRecords.Compute());

        packer.Dispose();
        packer.Dispose(); // twice is harmless

        Assert.Throws<ObjectDisposedException>(() => packer.Add(TestRecords.Compute()));
        Assert.Throws<ObjectDisposedException>(() => packer.Flush());
    }

    [Fact]
    public void A_record_limit_below_one_is_refused_with_a_reason()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new RequestPacker(maxRecordsPerRequest: 0));

        Assert.Equal("maxRecordsPerRequest", exception.ParamName);
        Assert.Equal(0, exception.ActualValue);
        Assert.StartsWith("At least one record per request, or null for no limit.", exception.Message, StringComparison.Ordinal);
    }
}
