using System.Text.Json.Serialization.Metadata;
using UsageSchema.Amie;

namespace UsageSchema.Serialization;

/// <summary>
/// A contract modifier that writes <c>"Attributes": {}</c> on a storage record that has none, as
/// the reference client always does (see <c>StorageUsageRecord</c> in spec/amie-usage.v1.yaml).
/// Reading is unchanged: a record without <c>Attributes</c> is still read, with none.
/// </summary>
internal static class StorageAttributesAlwaysWritten
{
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(StorageUsageRecord))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType == typeof(StorageAttributes) && property.Get is { } get)
            {
                property.Get = record => get(record) ?? new StorageAttributes();
            }
        }
    }
}
