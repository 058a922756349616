using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using UsageSchema.Metadata;

namespace UsageSchema.Serialization;

/// <summary>
/// A contract modifier that gives members of generated types the converters their spec asks for:
/// a <c>format: decimal</c> string (AMIE's <c>Charge</c>, from the <see cref="SpecMemberAttribute"/>
/// the generator writes) is read and written by <see cref="DecimalTextConverter"/>, and a JSON
/// <c>null</c> for a non-nullable number, flag or enum is read as the member being absent.
/// </summary>
/// <remarks>
/// Sites send attribute values as <c>null</c> (<c>"NodeCount": null</c>); without this such a
/// record would fail to deserialize as a whole instead of reporting its missing member.
/// </remarks>
internal static class SpecMemberConverters
{
    public const string DecimalFormat = "decimal";

    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Assembly != typeof(SpecMemberConverters).Assembly)
        {
            return;
        }

        var decimalMembers = typeInfo.Type.GetCustomAttributes<SpecMemberAttribute>(inherit: false)
            .Where(member => member.Format == DecimalFormat)
            .Select(member => member.WireName)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType == typeof(string) && decimalMembers.Contains(property.Name))
            {
                property.CustomConverter = DecimalTextConverter.Instance;
            }
            else if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null && property.Set is not null)
            {
                property.CustomConverter = NullAsAbsent(property.PropertyType, property.CustomConverter, typeInfo.Options);
            }
        }
    }

    private static JsonConverter NullAsAbsent(Type type, JsonConverter? custom, JsonSerializerOptions options)
    {
        if (custom is JsonConverterFactory factory)
        {
            custom = factory.CreateConverter(type, options);
        }

        return (JsonConverter)Activator.CreateInstance(typeof(NullAsAbsentConverter<>).MakeGenericType(type), custom)!;
    }

    /// <summary>
    /// Reads <c>null</c> as the default value (what an absent member leaves), anything else with the
    /// member's own converter, or else through the serializer, so that the options' number handling
    /// (numbers read from strings) still applies.
    /// </summary>
    private sealed class NullAsAbsentConverter<T>(JsonConverter? custom) : JsonConverter<T>
        where T : struct
    {
        private readonly JsonConverter<T>? _custom = (JsonConverter<T>?)custom;

        public override bool HandleNull => true;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? default
            : _custom is not null ? _custom.Read(ref reader, typeToConvert, options)
            : JsonSerializer.Deserialize<T>(ref reader, options);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (_custom is not null)
            {
                _custom.Write(writer, value, options);
            }
            else
            {
                JsonSerializer.Serialize(writer, value, options);
            }
        }
    }
}
