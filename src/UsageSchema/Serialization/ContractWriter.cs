using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace UsageSchema.Serialization;

/// <summary>
/// Writes objects of one generated type with direct <see cref="Utf8JsonWriter"/> calls, following
/// the serializer's own contract for the type (<see cref="JsonTypeInfo"/> of <see cref="UsageJson.Options"/>,
/// modifiers applied): the same members in the same order, under the same encoded names, through
/// the same converters' logic, null members omitted. The serializer's per-call machinery (write
/// stack, per-member dispatch, the boxed getters, the allocation of every empty
/// <c>AdditionalProperties</c> dictionary it reads) is what the packer's hot path saves.
/// </summary>
/// <remarks>
/// <para>The plan covers what the generated records use: strings (plain, or <c>format: decimal</c>
/// through <see cref="DecimalText"/>), numbers and flags, nested generated objects, and extension
/// data. A type with anything else (callbacks, polymorphism, an unknown custom converter, an ignore
/// condition other than the options' <c>WhenWritingNull</c>) gets no plan: <see cref="TryCreate"/>
/// returns null and callers use <see cref="JsonSerializer"/>. An object whose extension data holds
/// members is written by <see cref="JsonSerializer"/> too, so unknown members round-trip exactly as
/// the serializer writes them.</para>
/// <para>The equivalence is tested byte for byte against <see cref="JsonSerializer"/> on every record
/// type (tests/UsageSchema.Tests/Serialization).</para>
/// </remarks>
internal sealed class ContractWriter
{
    private readonly JsonTypeInfo _typeInfo;
    private readonly Member[] _members;
    private readonly Func<object, bool>? _hasExtensionData;

    private ContractWriter(JsonTypeInfo typeInfo, Member[] members, Func<object, bool>? hasExtensionData)
    {
        _typeInfo = typeInfo;
        _members = members;
        _hasExtensionData = hasExtensionData;
    }

    private enum Kind
    {
        String,
        DecimalString,
        Int32,
        Int64,
        Double,
        Boolean,
        Value,
        Object,
    }

    /// <summary>The plan for <paramref name="type"/> under <paramref name="options"/>, or null when the type uses anything the plan does not cover.</summary>
    public static ContractWriter? TryCreate(Type type, JsonSerializerOptions options) => Build(options.GetTypeInfo(type), depth: 0);

    /// <summary>Writes <paramref name="value"/> (of the plan's type) as the serializer would.</summary>
    public void Write(Utf8JsonWriter writer, object value)
    {
        if (_hasExtensionData is not null && _hasExtensionData(value))
        {
            JsonSerializer.Serialize(writer, value, _typeInfo);
            return;
        }

        writer.WriteStartObject();
        foreach (var member in _members)
        {
            member.Write(writer, value);
        }

        writer.WriteEndObject();
    }

    private static ContractWriter? Build(JsonTypeInfo typeInfo, int depth)
    {
        var options = typeInfo.Options;
        if (depth > 4 || typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.PolymorphismOptions is not null
            || typeInfo.OnSerializing is not null || typeInfo.OnSerialized is not null || typeInfo.NumberHandling is not null
            || options.DefaultIgnoreCondition != JsonIgnoreCondition.WhenWritingNull
            || (options.NumberHandling & ~JsonNumberHandling.AllowReadingFromString) != 0
            || options.ReferenceHandler is not null || options.WriteIndented)
        {
            return null;
        }

        var members = new List<Member>();
        Func<object, bool>? hasExtensionData = null;
        foreach (var property in typeInfo.Properties)
        {
            if (property.IsExtensionData)
            {
                hasExtensionData = ExtensionDataProbe(typeInfo.Type, property);
                if (hasExtensionData is null)
                {
                    return null;
                }

                continue;
            }

            if (property.Get is null)
            {
                continue;
            }

            var member = TryMember(property, options, depth);
            if (member is null)
            {
                return null;
            }

            members.Add(member);
        }

        return new ContractWriter(typeInfo, [.. members], hasExtensionData);
    }

    private static Member? TryMember(JsonPropertyInfo property, JsonSerializerOptions options, int depth)
    {
        if (property.NumberHandling is not null
            || property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: false).OfType<JsonIgnoreAttribute>()
                .Any(ignore => ignore.Condition != JsonIgnoreCondition.WhenWritingNull) == true)
        {
            return null;
        }

        var name = JsonEncodedText.Encode(property.Name, options.Encoder);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var converter = property.CustomConverter;
        if (type == typeof(string))
        {
            return converter switch
            {
                DecimalTextConverter => new Member(name, Kind.DecimalString, property, null),
                null or TolerantStringConverter when options.GetConverter(typeof(string)) is TolerantStringConverter => new Member(name, Kind.String, property, null),
                _ => null,
            };
        }

        // Value-type members: the options' converter, or the null-as-absent wrapper around it, whose writing is the inner converter's.
        if (type.IsValueType)
        {
            var writing = converter is null ? options.GetConverter(property.PropertyType) : SpecMemberConverters.WritingConverter(converter);
            var kind = type == typeof(int) ? Kind.Int32 : type == typeof(long) ? Kind.Int64 : type == typeof(double) ? Kind.Double : type == typeof(bool) ? Kind.Boolean : Kind.Value;
            var typeDefault = options.GetConverter(type);

            // Numbers and flags: the serializer's built-in converter has one way of writing (number
            // handling is checked above). Anything else (an enum, whose converter may write names or
            // numbers) only when it is the very converter the options use for the type.
            var same = kind == Kind.Value ? converter is null || ReferenceEquals(writing, typeDefault) : writing?.GetType() == typeDefault.GetType();
            if (writing is null || !same || writing.GetType().Assembly != typeof(JsonSerializer).Assembly || options.Converters.Any(custom => custom.CanConvert(type)))
            {
                return null;
            }

            return new Member(name, kind, property, null, kind == Kind.Value ? options.GetTypeInfo(type) : null);
        }

        if (converter is null && property.PropertyType.Assembly == typeof(ContractWriter).Assembly
            && Build(options.GetTypeInfo(property.PropertyType), depth + 1) is { } nested)
        {
            return new Member(name, Kind.Object, property, nested);
        }

        return null;
    }

    /// <summary>
    /// Whether an object's extension data holds members, read without creating the dictionary: the
    /// generated getter allocates one on every read. Null when the backing field is not the template's.
    /// </summary>
    private static Func<object, bool>? ExtensionDataProbe(Type type, JsonPropertyInfo property)
    {
        var field = type.GetField("_additionalProperties", BindingFlags.Instance | BindingFlags.NonPublic);
        if (field is null || field.FieldType != typeof(IDictionary<string, object>) || property.PropertyType != field.FieldType)
        {
            return null;
        }

        var instance = Expression.Parameter(typeof(object), "instance");
        var read = Expression.Lambda<Func<object, IDictionary<string, object>?>>(Expression.Field(Expression.Convert(instance, type), field), instance).Compile();
        return value => read(value) is { Count: > 0 };
    }

    private sealed class Member(JsonEncodedText name, Kind kind, JsonPropertyInfo property, ContractWriter? nested, JsonTypeInfo? valueInfo = null)
    {
        private readonly Func<object, object?> _get = property.Get!;

        // The serializer's own predicate: [JsonIgnore(Condition = WhenWritingNull)] becomes one, and so would a modifier's.
        private readonly Func<object, object?, bool>? _shouldSerialize = property.ShouldSerialize;

        public void Write(Utf8JsonWriter writer, object owner)
        {
            var value = _get(owner);
            if (value is null || (_shouldSerialize is not null && !_shouldSerialize(owner, value)))
            {
                return;
            }

            switch (kind)
            {
                case Kind.String:
                    writer.WriteString(name, (string)value);
                    break;
                case Kind.DecimalString:
                    writer.WriteString(name, DecimalText.ToPlain((string)value) ?? (string)value);
                    break;
                case Kind.Int32:
                    writer.WriteNumber(name, (int)value);
                    break;
                case Kind.Int64:
                    writer.WriteNumber(name, (long)value);
                    break;
                case Kind.Double:
                    writer.WriteNumber(name, (double)value);
                    break;
                case Kind.Boolean:
                    writer.WriteBoolean(name, (bool)value);
                    break;
                case Kind.Value:
                    writer.WritePropertyName(name);
                    JsonSerializer.Serialize(writer, value, valueInfo!);
                    break;
                default:
                    writer.WritePropertyName(name);
                    nested!.Write(writer, value);
                    break;
            }
        }
    }
}
