using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// The packer's promises, for random mixes of record types, record sizes (multi-byte and escaped
/// characters included, so bytes and characters differ), caps and record limits.
/// </summary>
public class RequestPackerPropertyTests
{
    // Characters whose UTF-8 or escaped size differs from one byte: é (2), 日 (3), " and \ (2, escaped), \u0001 (6, escaped).
    private const string Alphabet = "abcXYZ019 +:-_.@é日本\"\\<>&\n\t\u0001";

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Every_request_is_within_the_cap_and_is_exactly_the_serialized_message_of_its_records()
    {
        Check.One(Runs, Prop.ForAll(Cases(), packing =>
        {
            var (input, result) = Pack(packing);
            return result.Requests.All(request =>
                request.BodyBytes <= packing.Cap
                && request.Body.Span.SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(Message(request, input), UsageJson.Options)));
        }));
    }

    [Fact]
    public void No_record_is_lost_or_duplicated_and_order_is_kept_within_each_type()
    {
        Check.One(Runs, Prop.ForAll(Cases(), packing =>
        {
            var (input, result) = Pack(packing);
            var failed = result.Failures.Select(failure => failure.Index).ToHashSet();
            foreach (var type in Enum.GetValues<UsageType>())
            {
                var expected = input.Select((record, index) => (record, index))
                    .Where(item => Kind(item.record) == type && !failed.Contains(item.index))
                    .Select(item => (long)item.index);
                var packed = result.Requests.Where(request => request.UsageType == type).SelectMany(request => request.Records).Select(record => record.Index);
                if (!expected.SequenceEqual(packed))
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void Only_records_too_large_on_their_own_fail_and_each_failure_names_its_record()
    {
        Check.One(Runs, Prop.ForAll(Cases(), packing =>
        {
            var (input, result) = Pack(packing);
            var tooLarge = input.Select((record, index) => (record, index))
                .Where(item => Envelope(Kind(item.record)) + Serialized(item.record).Length > packing.Cap)
                .Select(item => (long)item.index);
            return tooLarge.SequenceEqual(result.Failures.Select(failure => failure.Index))
                && result.Failures.All(failure => failure.Reason == LocalFailureReason.TooLarge
                    && failure.LocalRecordId == Id(input[(int)failure.Index])
                    && failure.Message.Contains(failure.LocalRecordId!, StringComparison.Ordinal));
        }));
    }

    [Fact]
    public void Packing_is_greedy_and_respects_the_record_limit()
    {
        Check.One(Runs, Prop.ForAll(Cases(), packing =>
        {
            var (_, result) = Pack(packing);
            foreach (var type in Enum.GetValues<UsageType>())
            {
                var requests = result.Requests.Where(request => request.UsageType == type).ToList();
                if (requests.Exists(request => request.RecordCount > (packing.MaxRecords ?? int.MaxValue)))
                {
                    return false;
                }

                // A request was closed only because the next record of its type did not fit.
                for (var i = 0; i + 1 < requests.Count; i++)
                {
                    var wouldFit = requests[i].BodyBytes + 1 + requests[i + 1].Records[0].Length <= packing.Cap;
                    var atLimit = requests[i].RecordCount == packing.MaxRecords;
                    if (wouldFit && !atLimit)
                    {
                        return false;
                    }
                }
            }

            return true;
        }));
    }

    // Three kinds of case: random sizes; records of one type and size; and those with a cap of
    // exactly k records, plus or minus one byte, which is where an off-by-one (a forgotten comma or
    // bracket) shows.
    private static Arbitrary<Packing> Cases()
    {
        var record = from type in Gen.Choose(0, 2)
                     from length in Gen.Frequency((6, Gen.Choose(0, 200)), (3, Gen.Choose(200, 2000)), (1, Gen.Choose(2000, 9000)))
                     from seed in Gen.Choose(0, Alphabet.Length - 1)
                     select new RecordShape(type, length, seed);
        var gen = from cap in Gen.Frequency((3, Gen.Choose(RequestPacker.MinimumMaxRequestBytes, 2000)), (2, Gen.Choose(2000, 20000)))
                  from limited in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
                  from max in Gen.Choose(1, 8)
                  from count in Gen.Choose(0, 60)
                  from records in Gen.ListOf(record, count)
                  from kind in Gen.Choose(0, 2)
                  from perRequest in Gen.Choose(1, 5)
                  from delta in Gen.Choose(-1, 1)
                  select kind switch
                  {
                      0 => new Packing(cap, limited ? max : null, [.. records]),
                      _ when records.Count == 0 => new Packing(cap, null, []),
                      1 => new Packing(cap, limited ? max : null, Uniform(records)),
                      _ => AtBoundary(Uniform(records), perRequest, delta),
                  };
        return Arb.From(gen);
    }

    private static RecordShape[] Uniform(List<RecordShape> records) =>
        [.. records.Select(shape => records[0] with { Length = records[0].Length % 300 })];

    private static Packing AtBoundary(RecordShape[] records, int perRequest, int delta)
    {
        var sample = Build(records[0], 0);
        var size = Serialized(sample).Length;
        var cap = Envelope(Kind(sample)) + (perRequest * size) + (perRequest - 1) + delta;
        return new Packing(Math.Max(cap, RequestPacker.MinimumMaxRequestBytes), null, records);
    }

    private static (List<IAmieUsageRecord> Input, Packed Result) Pack(Packing packing)
    {
        var input = packing.Records.Select(Build).ToList();
        var requests = new List<PackedRequest>();
        var failures = new List<LocalRecordFailure>();
        using var packer = new RequestPacker(packing.Cap, packing.MaxRecords);
        foreach (var record in input)
        {
            var outcome = packer.Add(record);
            if (outcome.Completed is { } request)
            {
                requests.Add(request);
            }

            if (outcome.Failure is { } failure)
            {
                failures.Add(failure);
            }
        }

        while (packer.Flush() is { } rest)
        {
            requests.Add(rest);
        }

        return (input, new Packed(requests, failures));
    }

    private static IAmieUsageRecord Build(RecordShape shape, int index)
    {
        var id = "r" + index.ToString("D5", CultureInfo.InvariantCulture);
        var padding = new StringBuilder(shape.Length);
        for (var i = 0; i < shape.Length; i++)
        {
            padding.Append(Alphabet[(shape.Seed + (i * 7)) % Alphabet.Length]);
        }

        return shape.Type switch
        {
            0 => TestRecords.Compute(id, padding.ToString()),
            1 => TestRecords.Storage(id, padding.ToString()),
            _ => TestRecords.Adjustment(id, padding.ToString()),
        };
    }

    private static UsageMessage Message(PackedRequest request, List<IAmieUsageRecord> input)
    {
        var records = request.Records.Select(record => input[(int)record.Index]);
        return request.UsageType switch
        {
            UsageType.Compute => new ComputeUsageMessage { Records = [.. records.Cast<ComputeUsageRecord>()] },
            UsageType.Storage => new StorageUsageMessage { Records = [.. records.Cast<StorageUsageRecord>()] },
            _ => new AdjustmentUsageMessage { Records = [.. records.Cast<AdjustmentUsageRecord>()] },
        };
    }

    private static UsageType Kind(object record) => record switch
    {
        ComputeUsageRecord => UsageType.Compute,
        StorageUsageRecord => UsageType.Storage,
        _ => UsageType.Adjustment,
    };

    private static string Id(object record) => record switch
    {
        ComputeUsageRecord compute => compute.LocalRecordId,
        StorageUsageRecord storage => storage.LocalRecordId,
        _ => ((AdjustmentUsageRecord)record).LocalRecordId,
    };

    private static byte[] Serialized(object record) => JsonSerializer.SerializeToUtf8Bytes(record, record.GetType(), UsageJson.Options);

    private static int Envelope(UsageType type) => Encoding.UTF8.GetByteCount($"{{\"UsageType\":\"{type}\",\"Records\":[]}}");

    public sealed record RecordShape(int Type, int Length, int Seed);

    public sealed record Packing(int Cap, int? MaxRecords, RecordShape[] Records)
    {
        public override string ToString() =>
            $"cap {Cap}, max {MaxRecords?.ToString(CultureInfo.InvariantCulture) ?? "-"}, records [{string.Join(", ", Records.Select(r => $"{r.Type}:{r.Length}"))}]";
    }

    private sealed record Packed(List<PackedRequest> Requests, List<LocalRecordFailure> Failures);
}
