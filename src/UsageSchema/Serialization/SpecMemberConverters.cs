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
/// <c>null</c> for a non-nullable number, flag or enum is read as the member being absent, unless
/// <see cref="RequiredNumbersPresent"/> made the member required on read (a <c>null</c> there is refused).
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
            else if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null && property.Set is not null
                && !property.IsRequired)
            {
                property.CustomConverter = NullAsAbsent(property.PropertyType, property.CustomConverter, typeInfo.Options);
            }
        }
    }

    /// <summary>The converter that writes for <paramref name="converter"/>: the inner one of a null-as-absent wrapper, else null (unknown).</summary>
    internal static JsonConverter? WritingConverter(JsonConverter converter) =>
        converter is INullAsAbsent wrapper ? wrapper.Inner : null;

    private static JsonConverter NullAsAbsent(Type type, JsonConverter? custom, JsonSerializerOptions options)
    {
        var inner = custom ?? options.GetConverter(type);
        if (inner is JsonConverterFactory factory)
        {
            inner = factory.CreateConverter(type, options)!;
        }

        return (JsonConverter)Activator.CreateInstance(typeof(NullAsAbsentConverter<>).MakeGenericType(type), inner)!;
    }

    /// <summary>A null-as-absent wrapper: it writes exactly as <see cref="Inner"/> does.</summary>
    private interface INullAsAbsent
    {
        JsonConverter Inner { get; }
    }

    /// <summary>
    /// Reads <c>null</c> as the default value (what an absent member leaves) and anything else with
    /// the member's own converter. A number sent as a string is parsed here, as the options'
    /// <see cref="JsonNumberHandling.AllowReadingFromString"/> would: a converter called directly does
    /// not apply it. Failures are left to the serializer, which names the member's path and type
    /// ("The JSON value could not be converted to System.Int32. Path: $.Attributes.NodeCount").
    /// </summary>
    private sealed class NullAsAbsentConverter<T>(JsonConverter inner) : JsonConverter<T>, INullAsAbsent
        where T : struct
    {
        private readonly JsonConverter<T> _inner = (JsonConverter<T>)inner;

        public JsonConverter Inner => _inner;

        public override bool HandleNull => true;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return default;
            }

            if (reader.TokenType == JsonTokenType.String && (options.NumberHandling & JsonNumberHandling.AllowReadingFromString) != 0
                && NumberFromString(reader.GetString()!) is { } number)
            {
                return number;
            }

            return _inner.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _inner.Write(writer, value, options);

        /// <summary>The number in <paramref name="text"/> when <typeparamref name="T"/> is numeric; throws the serializer's wrong-type error when it is not a number.</summary>
        private static T? NumberFromString(string text)
        {
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            const System.Globalization.NumberStyles Integer = System.Globalization.NumberStyles.AllowLeadingSign;
            const System.Globalization.NumberStyles Float = Integer | System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowExponent;
            object? value = typeof(T) switch
            {
                var type when type == typeof(int) => int.TryParse(text, Integer, culture, out var parsed) ? parsed : throw new JsonException(),
                var type when type == typeof(long) => long.TryParse(text, Integer, culture, out var parsed) ? parsed : throw new JsonException(),
                var type when type == typeof(double) => double.TryParse(text, Float, culture, out var parsed) ? parsed : throw new JsonException(),
                var type when type == typeof(float) => float.TryParse(text, Float, culture, out var parsed) ? parsed : throw new JsonException(),
                var type when type == typeof(decimal) => decimal.TryParse(text, Float, culture, out var parsed) ? parsed : throw new JsonException(),
                _ => null,
            };
            return (T?)value;
        }
    }
}
