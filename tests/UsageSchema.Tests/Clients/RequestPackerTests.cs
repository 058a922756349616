using System.Text;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Clients;

public class RequestPackerTests
{
    [Fact]
    public void Packed_body_is_byte_for_byte_the_serialized_message()
    {
        var records = new[] { TestRecords.Compute("1"), TestRecords.Compute("2", "job +05:00 é日本 \"quoted\" <tag>") };
        using var packer = new RequestPacker();

        foreach (var record in records)
        {
            Assert.Equal(default, packer.Add(record));
        }

        using var request = packer.Flush();
        Assert.NotNull(request);
        var expected = JsonSerializer.SerializeToUtf8Bytes(new ComputeUsageMessage { Records = records }, UsageJson.Options);
        Assert.Equal(expected, request.Body.ToArray());
        Assert.Equal(expected.Length, request.BodyBytes);
        Assert.Null(packer.Flush());
    }

    [Fact]
    public void Packed_body_has_the_exact_wire_form()
    {
        using var packer = new RequestPacker();
        packer.Add(TestRecords.Compute());

        using var request = packer.Flush()!;

        Assert.Equal(
            "{\"UsageType\":\"Compute\",\"Records\":[{\"Username\":\"jdoe\",\"LocalProjectID\":\"csd123\",\"LocalRecordID\":\"31415926\"," +
            "\"Resource\":\"expanse.sdsc.access-ci.org\",\"SubmitTime\":\"2024-03-01T08:15:00-08:00\",\"StartTime\":\"2024-03-01T08:20:12-08:00\"," +
            "\"EndTime\":\"2024-03-01T10:20:12-08:00\",\"Charge\":\"256.0\",\"Attributes\":{\"NodeCount\":1}}]}",
            Encoding.UTF8.GetString(request.Body.Span));
    }

    [Fact]
    public void Each_usage_type_gets_its_own_envelope_and_order_is_kept_within_a_type()
    {
        using var packer = new RequestPacker();
        IAmieUsageRecord[] input = [TestRecords.Storage("s1"), TestRecords.Compute("c1"), TestRecords.Adjustment("a1"), TestRecords.Compute("c2"), TestRecords.Storage("s2")];
        foreach (var record in input)
        {
            packer.Add(record);
        }

        var requests = Drain(packer);

        Assert.Equal([UsageType.Storage, UsageType.Compute, UsageType.Adjustment], requests.Select(request => request.UsageType));
        Assert.Equal(["s1", "s2"], requests[0].Records.Select(record => record.LocalRecordId));
        Assert.Equal(["c1", "c2"], requests[1].Records.Select(record => record.LocalRecordId));
        Assert.Equal([0L, 4L], requests[0].Records.Select(record => record.Index));
        Assert.StartsWith("{\"UsageType\":\"Storage\",\"Records\":[", Encoding.UTF8.GetString(requests[0].Body.Span), StringComparison.Ordinal);
        Assert.StartsWith("{\"UsageType\":\"Adjustment\",\"Records\":[{\"AdjustmentType\":\"refund\"", Encoding.UTF8.GetString(requests[2].Body.Span), StringComparison.Ordinal);
        Dispose(requests);
    }

    [Fact]
    public void A_request_is_completed_when_the_next_record_would_pass_the_cap_counting_envelope_and_commas()
    {
        var record = JsonSerializer.SerializeToUtf8Bytes(TestRecords.Compute("1"), UsageJson.Options).Length;
        var envelope = "{\"UsageType\":\"Compute\",\"Records\":[]}".Length;

        // Exactly room for two records and their comma; the third starts a new request.
        using var packer = new RequestPacker(maxRequestBytes: envelope + (2 * record) + 1);

        Assert.Null(packer.Add(TestRecords.Compute("1")).Completed);
        Assert.Null(packer.Add(TestRecords.Compute("2")).Completed);
        using var first = packer.Add(TestRecords.Compute("3")).Completed;

        Assert.NotNull(first);
        Assert.Equal(2, first.RecordCount);
        Assert.Equal(packer.MaxRequestBytes, first.BodyBytes);
        using var rest = packer.Flush()!;
        Assert.Equal(["3"], rest.Records.Select(r => r.LocalRecordId));
    }

    [Fact]
    public void Max_records_per_request_closes_requests_early()
    {
        using var packer = new RequestPacker(maxRecordsPerRequest: 2);
        var completed = Enumerable.Range(1, 5).Select(i => packer.Add(TestRecords.Compute(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Completed).OfType<PackedRequest>().ToList();
        completed.AddRange(Drain(packer));

        Assert.Equal([2, 2, 1], completed.Select(request => request.RecordCount));
        Dispose(completed);
    }

    [Fact]
    public void A_record_larger_than_the_cap_is_a_failure_naming_it_and_its_neighbours_are_packed()
    {
        using var packer = new RequestPacker(maxRequestBytes: 1024);

        packer.Add(TestRecords.Compute("small-1"));
        var outcome = packer.Add(TestRecords.Compute("huge", new string('x', 2000)));
        packer.Add(TestRecords.Compute("small-2"));

        var failure = Assert.IsType<LocalRecordFailure>(outcome.Failure);
        Assert.Null(outcome.Completed);
        Assert.Equal(LocalFailureReason.TooLarge, failure.Reason);
        Assert.Equal(1, failure.Index);
        Assert.Equal("huge", failure.LocalRecordId);
        Assert.Equal("expanse.sdsc.access-ci.org", failure.Resource);
        Assert.Contains("'huge'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'expanse.sdsc.access-ci.org'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("over the cap of 1024", failure.Message, StringComparison.Ordinal);
        using var request = packer.Flush()!;
        Assert.Equal(["small-1", "small-2"], request.Records.Select(record => record.LocalRecordId));
    }

    // The input is typed (IAmieUsageRecord), so the only item that is not a record is null.
    [Fact]
    public void A_null_item_is_a_failure_not_an_exception()
    {
        using var packer = new RequestPacker();

        var outcome = packer.Add(null);

        Assert.Equal(LocalFailureReason.NotAnAmieRecord, outcome.Failure?.Reason);
        Assert.Null(outcome.Failure?.UsageType);
        Assert.Null(packer.Flush());
    }

    [Fact]
    public void A_record_that_cannot_be_serialized_is_a_failure()
    {
        var record = TestRecords.Compute("bad");
        record.AdditionalProperties["Unset"] = default(JsonElement);
        using var packer = new RequestPacker();

        var outcome = packer.Add(record);

        Assert.Equal(LocalFailureReason.Unserializable, outcome.Failure?.Reason);
    }

    [Fact]
    public void Caps_below_the_minimum_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestPacker(maxRequestBytes: 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestPacker(maxRecordsPerRequest: 0));
    }

    private static List<PackedRequest> Drain(RequestPacker packer)
    {
        var requests = new List<PackedRequest>();
        while (packer.Flush() is { } request)
        {
            requests.Add(request);
        }

        return requests;
    }

    private static void Dispose(IEnumerable<PackedRequest> requests)
    {
        foreach (var request in requests)
        {
            request.Dispose();
        }
    }
}
