using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Serialization;

namespace UsageSchema.Cli.Input;

/// <summary>
/// The record types the CLI reads, as the library models them: the generated record types of the
/// three APIs (each record interface's <c>RecordTypes</c>), asked for their API and AMIE usage type
/// instead of switched on. A record type is named on the command line (<c>--type</c>) by its AMIE
/// <c>UsageType</c> when its API has several (<c>compute</c>, <c>storage</c>, <c>adjustment</c>), else
/// by its API's short name (<c>perseus</c>, <c>gateway</c>).
/// </summary>
public static class InputRecordTypes
{
    // AMIE's types in the order of the spec's UsageType enum (compute, storage, adjustment), as --type lists them.
    private static readonly Entry[] Entries =
        [.. new[] { IAmieUsageRecord.RecordTypes, IPerseusUsageRecord.RecordTypes, IGatewayAttributesUsageRecord.RecordTypes }.SelectMany(types => types.Select(type => Entry.Of(type, types.Count)).OrderBy(entry => entry.Order))];

    /// <summary>Every record type: AMIE's (in its <c>UsageType</c> order), PERSEUS's, the gateway's.</summary>
    public static IReadOnlyList<Type> All { get; } = [.. Entries.Select(entry => entry.Type)];

    /// <summary>The words <c>--type</c> takes, as a person reads them: <c>compute, storage, adjustment, perseus, gateway</c>.</summary>
    public static string Words { get; } = string.Join(", ", Entries.Select(entry => entry.Word));

    /// <summary>The AMIE usage types a message or a CSV column may name, as a person reads them: <c>Compute, Storage, Adjustment</c>.</summary>
    public static string UsageTypeNames { get; } = string.Join(", ", Enum.GetValues<UsageType>().Select(WireText));

    /// <summary>The record type a <c>--type</c> word names (any case).</summary>
    /// <param name="word">The word.</param>
    /// <param name="type">The record type, when found.</param>
    /// <returns>Whether <paramref name="word"/> names a record type.</returns>
    public static bool TryParse(string? word, [NotNullWhen(true)] out Type? type)
    {
        type = Entries.FirstOrDefault(entry => string.Equals(entry.Word, word, StringComparison.OrdinalIgnoreCase))?.Type;
        return type is not null;
    }

    /// <summary>The record type of an API that has only one (PERSEUS, the gateway), or null (AMIE has three: each record tells its own).</summary>
    /// <param name="api">The API.</param>
    public static Type? OnlyTypeOf(UsageApi api)
    {
        var types = Entries.Where(entry => entry.Api == api).ToList();
        return types.Count == 1 ? types[0].Type : null;
    }

    /// <summary>The record type an AMIE message's <c>UsageType</c> text names (exactly, as on the wire), or null.</summary>
    internal static Type? OfUsageType(string? text) =>
        Entries.FirstOrDefault(entry => entry.UsageType is { } usageType && string.Equals(usageType, text, StringComparison.Ordinal))?.Type;

    /// <summary>The serializer's metadata of <paramref name="type"/>, looked up once.</summary>
    internal static JsonTypeInfo TypeInfoOf(Type type) => EntryOf(type).TypeInfo;

    /// <summary>The index of <paramref name="type"/> in <see cref="All"/>.</summary>
    internal static int IndexOf(Type type)
    {
        for (var i = 0; i < Entries.Length; i++)
        {
            if (Entries[i].Type == type)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(type), type, "Not a generated record type.");
    }

    /// <summary>The serializer's metadata of the record type at <paramref name="index"/> in <see cref="All"/>.</summary>
    internal static JsonTypeInfo TypeInfoAt(int index) => Entries[index].TypeInfo;

    private static Entry EntryOf(Type type) => Entries[IndexOf(type)];

    /// <summary>A usage type as the wire spells it (the generated enum's <c>JsonStringEnumMemberName</c>).</summary>
    private static string WireText(UsageType usageType)
    {
        var name = usageType.ToString();
        return typeof(UsageType).GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? name;
    }

    private sealed record Entry(Type Type, UsageApi Api, string? UsageType, string Word, JsonTypeInfo TypeInfo, int Order)
    {
        // A record answers for its API and usage type (the spec's x-usage-record and x-usage-type); a blank one is enough to ask.
        public static Entry Of(Type type, int typesOfApi)
        {
            var sample = (IUsageRecord)Activator.CreateInstance(type)!;
            var usageType = sample is IAmieUsageRecord amie ? WireText(amie.UsageType) : null;
            var word = typesOfApi > 1 && usageType is not null ? usageType.ToLowerInvariant() : UsageApiNames.Of(sample.Api);
            return new Entry(type, sample.Api, usageType, word, UsageJson.Options.GetTypeInfo(type), sample is IAmieUsageRecord ordered ? (int)ordered.UsageType : 0);
        }
    }
}
