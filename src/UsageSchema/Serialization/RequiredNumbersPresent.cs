using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using UsageSchema.Metadata;

namespace UsageSchema.Serialization;

/// <summary>
/// A contract modifier that makes a required number of a generated type required on read when its
/// absence could not be seen afterwards: the member is a non-nullable value (<c>double</c>, <c>int</c>),
/// so a missing member reads as 0, and 0 is within the spec's range, so <c>Validate()</c> passes it.
/// PERSEUS's <c>value</c> (required, <c>minimum: 0</c>) is one: a report without it would be sent as
/// <c>"value": 0</c>, a real total of nothing, where the service refuses the report.
/// </summary>
/// <remarks>
/// Such a member missing, or sent as <c>null</c>, fails the read with the serializer's message, which
/// names the type and the wire member (<c>... missing required properties including: 'value'</c>;
/// <c>... Path: $.value</c>). A required number whose default is outside its range (AMIE's
/// <c>NodeCount</c>, <c>minimum: 1</c>) is left to <c>Validate()</c>, which names the record and field.
/// Only usage records (<c>x-usage-record</c>) and the objects inside them are read so: they come from
/// sites' files and are sent on; a service's reply (AMIE's status counts) is read tolerantly, as before.
/// Runs before <see cref="SpecMemberConverters"/>, which then leaves these members' <c>null</c> unread.
/// </remarks>
internal static class RequiredNumbersPresent
{
    /// <summary>The generated types that are usage records or are held by one.</summary>
    private static readonly Lazy<HashSet<Type>> RecordTypes = new(FindRecordTypes);

    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !RecordTypes.Value.Contains(typeInfo.Type))
        {
            return;
        }

        var mustBePresent = typeInfo.Type.GetCustomAttributes<SpecMemberAttribute>(inherit: false)
            .Where(member => member.Required && DefaultIsInRange(member))
            .Select(member => member.WireName)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var property in typeInfo.Properties)
        {
            if (mustBePresent.Contains(property.Name) && property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null
                && property.PropertyType != typeof(bool) && !property.PropertyType.IsEnum)
            {
                property.IsRequired = true;
            }
        }
    }

    /// <summary>
    /// The records (the generator gives each API's records one shared interface over <see cref="Validation.IValidatable"/>,
    /// e.g. <c>IPerseusUsageRecord</c>) and, member by member, the generated types they hold.
    /// </summary>
    private static HashSet<Type> FindRecordTypes()
    {
        var assembly = typeof(RequiredNumbersPresent).Assembly;
        var generated = assembly.GetTypes().Where(type => type.IsClass && type.GetCustomAttribute<SpecSchemaAttribute>() is not null).ToList();
        var pending = new Queue<Type>(generated.Where(type => type.GetInterfaces().Any(face => face != typeof(Validation.IValidatable) && typeof(Validation.IValidatable).IsAssignableFrom(face))));
        var found = new HashSet<Type>();
        while (pending.TryDequeue(out var type))
        {
            if (!found.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var held = property.PropertyType.IsGenericType ? property.PropertyType.GetGenericArguments()[^1] : property.PropertyType;
                if (held.Assembly == assembly && held.GetCustomAttribute<SpecSchemaAttribute>() is not null)
                {
                    pending.Enqueue(held);
                }
            }
        }

        return found;
    }

    /// <summary>Whether 0, what an absent number reads as, satisfies the member's range; a member without a range is not a checked number.</summary>
    private static bool DefaultIsInRange(SpecMemberAttribute member) =>
        !double.IsNaN(member.Minimum) && (member.ExclusiveMinimum ? member.Minimum < 0 : member.Minimum <= 0)
        && (double.IsNaN(member.Maximum) || (member.ExclusiveMaximum ? member.Maximum > 0 : member.Maximum >= 0));
}
