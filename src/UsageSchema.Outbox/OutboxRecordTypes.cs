using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;

namespace UsageSchema.Outbox;

/// <summary>
/// The record type names the outbox stores, and the generated type each one is read back as. The
/// types come from the generated record interfaces (the spec's <c>x-usage-record</c>), so a record
/// added to a spec is stored and read without an edit here.
/// </summary>
internal static class OutboxRecordTypes
{
    /// <summary>The suffix of AMIE's schema names, left out of the stored name by every release (<c>Compute</c>, not <c>ComputeUsageRecord</c>).</summary>
    private const string AmieSuffix = "UsageRecord";

    private static readonly Dictionary<string, Type> ByStoredName =
        new Type[][] { [.. IAmieUsageRecord.RecordTypes], [.. IGatewayAttributesUsageRecord.RecordTypes], [.. IPerseusUsageRecord.RecordTypes] }
            .SelectMany(types => types)
            .ToDictionary(type => StoredName(type.Name), StringComparer.Ordinal);

    /// <summary>
    /// The stored name of a record kind (<see cref="IUsageRecord.RecordKind"/>, the schema name): the
    /// schema name without a trailing <c>UsageRecord</c>, as stored since the first release
    /// (<see cref="RecordTypes"/>), so existing outbox files stay readable.
    /// </summary>
    public static string StoredName(string recordKind) =>
        recordKind.Length > AmieSuffix.Length && recordKind.EndsWith(AmieSuffix, StringComparison.Ordinal)
            ? recordKind[..^AmieSuffix.Length]
            : recordKind;

    /// <summary>The generated type stored under <paramref name="storedName"/>, when it is one of <typeparamref name="TRecord"/>'s.</summary>
    public static bool TryGet<TRecord>(string storedName, out Type type)
        where TRecord : IUsageRecord
    {
        if (ByStoredName.TryGetValue(storedName, out var found) && typeof(TRecord).IsAssignableFrom(found))
        {
            type = found;
            return true;
        }

        type = typeof(void);
        return false;
    }
}
