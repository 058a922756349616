using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Serialization;
using UsageSchema.Validation;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>
/// The baseline: packing the way the reference Python client (amieclient) goes about it, modelled
/// in C# with the same serializer: validate, serialize the whole message into one big JSON, and
/// while a message is over the cap, halve its records and serialize each half again; finally
/// serialize each message that fits once more as the request body (amieclient posts
/// <c>json=message.as_dict()</c>, which serializes again).
/// </summary>
public static class ReferenceClientPacking
{
    /// <summary>Returns the total bytes of the request bodies it would send.</summary>
    public static long Pack(IReadOnlyList<ComputeUsageRecord> records, int cap = RequestPacker.DefaultMaxRequestBytes)
    {
        var valid = new List<ComputeUsageRecord>(records.Count);
        foreach (var record in records)
        {
            if (((IValidatable)record).IsValid())
            {
                valid.Add(record);
            }
        }

        return Split(valid, cap);
    }

    private static long Split(List<ComputeUsageRecord> records, int cap)
    {
        var whole = JsonSerializer.SerializeToUtf8Bytes(new ComputeUsageMessage { Records = records }, UsageJson.Options);
        if (whole.Length <= cap || records.Count == 1)
        {
            return JsonSerializer.SerializeToUtf8Bytes(new ComputeUsageMessage { Records = records }, UsageJson.Options).Length;
        }

        var half = records.Count / 2;
        return Split(records.GetRange(0, half), cap) + Split(records.GetRange(half, records.Count - half), cap);
    }
}
