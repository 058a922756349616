using System.Text;

namespace UsageSchema.Amie.Sending;

/// <summary>
/// The bytes around the records of a <c>POST /usage</c> body: exactly what serializing a
/// <see cref="ComputeUsageMessage"/> (or its siblings) with <c>UsageJson.Options</c> writes, so a packed
/// body and a serialized message are the same bytes.
/// </summary>
internal static class UsageMessageEnvelope
{
    private static readonly byte[][] Prefixes =
    [
        Encoding.UTF8.GetBytes("{\"UsageType\":\"Compute\",\"Records\":["),
        Encoding.UTF8.GetBytes("{\"UsageType\":\"Storage\",\"Records\":["),
        Encoding.UTF8.GetBytes("{\"UsageType\":\"Adjustment\",\"Records\":["),
    ];

    public static ReadOnlySpan<byte> Suffix => "]}"u8;

    public static ReadOnlySpan<byte> Separator => ","u8;

    public static ReadOnlySpan<byte> Prefix(UsageType usageType) => Prefixes[(int)usageType];

    /// <summary>The bytes of an envelope with no records in it.</summary>
    public static int Size(UsageType usageType) => Prefixes[(int)usageType].Length + Suffix.Length;

    /// <summary>The largest envelope, which any cap must leave room for.</summary>
    public static int MaxSize { get; } = Prefixes.Max(prefix => prefix.Length) + 2;
}
