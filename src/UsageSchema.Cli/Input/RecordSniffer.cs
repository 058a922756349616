using System.Text;
using System.Text.Json.Nodes;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Which record type a record object is when the command line does not say: the first type one of
/// whose marking members it has (<c>project_oid</c> or <c>resource_id</c>: PERSEUS; <c>gatewayuser</c>
/// or <c>xsederesourcename</c>: the gateway; <c>AdjustmentType</c>: adjustment;
/// <c>CollectionTime</c>: storage), else compute. The one place this rule is written, for the
/// <c>JsonObject</c> path and the byte-level fast path alike; the names are the generated ones.
/// </summary>
internal static class RecordSniffer
{
    /// <summary>The type of a record with none of the marking members.</summary>
    public static readonly Type Default = typeof(ComputeUsageRecord);

    private static readonly (Type Type, string[] Names)[] Marks =
    [
        (typeof(UsageReport), [IPerseusUsageRecord.WireNames.ProjectOid, IPerseusUsageRecord.WireNames.ResourceId]),
        (typeof(JobAttributes), [JobAttributes.WireNames.GatewayUser, IGatewayAttributesUsageRecord.WireNames.XsedeResourceName]),
        (typeof(AdjustmentUsageRecord), [AdjustmentUsageRecord.WireNames.AdjustmentType]),
        (typeof(StorageUsageRecord), [StorageUsageRecord.WireNames.CollectionTime]),
    ];

    private static readonly (byte[] Name, int Mark)[] Utf8Names =
        [.. Marks.SelectMany((mark, index) => mark.Names.Select(name => (Encoding.UTF8.GetBytes(name), index)))];

    /// <summary>A value above every mark: no marking member seen.</summary>
    public const int NoMark = int.MaxValue;

    /// <summary>The type of <paramref name="record"/>: <paramref name="given"/>, or told from its members.</summary>
    public static Type Of(JsonObject record, Type? given)
    {
        if (given is not null)
        {
            return given;
        }

        foreach (var (type, names) in Marks)
        {
            if (names.Any(record.ContainsKey))
            {
                return type;
            }
        }

        return Default;
    }

    /// <summary>The mark a top-level member name carries (lower is stronger), or <see cref="NoMark"/>.</summary>
    public static int MarkOf(ReadOnlySpan<byte> name)
    {
        foreach (var (bytes, mark) in Utf8Names)
        {
            if (name.SequenceEqual(bytes))
            {
                return mark;
            }
        }

        return NoMark;
    }

    /// <summary>The type of the strongest mark seen (the lowest of <see cref="MarkOf"/>).</summary>
    public static Type TypeOfMark(int mark) => mark == NoMark ? Default : Marks[mark].Type;
}
