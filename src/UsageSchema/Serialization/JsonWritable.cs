using System.Text.Json;

namespace UsageSchema.Serialization;

/// <summary>What the generated writers call for what they do not write themselves.</summary>
internal static class JsonWritable
{
    /// <summary>A nested object: its own writer when it has one, the serializer otherwise, under its declared type as the serializer would.</summary>
    public static void Write<T>(Utf8JsonWriter writer, T value)
        where T : class
    {
        if (value is IJsonWritable writable)
        {
            writable.WriteJson(writer);
        }
        else
        {
            Serialize(writer, value);
        }
    }

    /// <summary>The serializer's own output for <paramref name="value"/>, as its declared type.</summary>
    public static void Serialize<T>(Utf8JsonWriter writer, T value)
        where T : class => JsonSerializer.Serialize(writer, value, UsageJson.Options.GetTypeInfo(typeof(T)));
}
