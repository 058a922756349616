using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;

namespace UsageSchema.Tests.Contract;

/// <summary>
/// Renders the public C# surface of one namespace as stable text: what callers compile against
/// and what the serializer reads from attributes. A spec change that changes either shows up as
/// a diff of this text.
/// </summary>
public static class PublicSurface
{
    // Only attributes that change validation or the wire form; everything else is noise.
    private static readonly string[] AttributesOfInterest =
    [
        "RequiredAttribute", "StringLengthAttribute", "RangeAttribute", "RegularExpressionAttribute",
        "MinLengthAttribute", "MaxLengthAttribute", "JsonPropertyOrderAttribute", "JsonExtensionDataAttribute",
        "JsonConverterAttribute", "JsonInheritanceConverterAttribute", "JsonInheritanceAttribute",
        "EnumMemberAttribute", "ObsoleteAttribute",
    ];

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(short)] = "short", [typeof(int)] = "int", [typeof(long)] = "long",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal",
    };

    private static readonly NullabilityInfoContext Nullability = new();

    public static string Render(Assembly assembly, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var text = new StringBuilder().Append("namespace ").AppendLine(@namespace);
        var types = assembly.GetExportedTypes()
            .Where(type => type.Namespace == @namespace)
            .OrderBy(TypeName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            text.AppendLine().AppendLine(Header(type));
            foreach (var attribute in Attributes(type.CustomAttributes))
            {
                text.Append("  [").Append(attribute).AppendLine("]");
            }

            var members = type.IsEnum ? EnumMembers(type) : type.IsInterface ? Methods(type) : Properties(type);
            foreach (var member in members)
            {
                text.Append("  ").AppendLine(member);
            }
        }

        return text.ToString();
    }

    private static string Header(Type type)
    {
        var kind = type switch
        {
            { IsEnum: true } => "enum",
            { IsInterface: true } => "interface",
            { IsValueType: true } => "struct",
            { IsAbstract: true, IsSealed: true } => "static class",
            { IsAbstract: true } => "abstract class",
            { IsSealed: true } => "sealed class",
            _ => "class",
        };
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(TypeName(baseType));
        }

        // Interfaces a base type brings (ISerializable of Exception, IComparable of Enum) are not
        // this type's contract, and which of them the runtime adds varies between versions.
        var inherited = type.BaseType?.GetInterfaces() ?? [];
        bases.AddRange(type.GetInterfaces().Except(inherited).Select(TypeName).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? $"{kind} {TypeName(type)}" : $"{kind} {TypeName(type)} : {string.Join(", ", bases)}";
    }

    private static IEnumerable<string> EnumMembers(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(field => field.MetadataToken)
            .Select(field =>
            {
                var value = Convert.ToInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture);
                var wireName = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name;
                return Line($"{field.Name} = {value}", wireName, [], Attributes(field.CustomAttributes));
            });

    private static IEnumerable<string> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .OrderBy(property => property.MetadataToken)
            .Select(property =>
            {
                var flags = new List<string>();
                if (property.SetMethod is not { IsPublic: true })
                {
                    flags.Add("get-only");
                }

                if (property.IsDefined(typeof(JsonRequiredAttribute)) || property.IsDefined(typeof(System.Runtime.CompilerServices.RequiredMemberAttribute)))
                {
                    flags.Add("required");
                }

                if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { } ignore)
                {
                    flags.Add(ignore.Condition switch
                    {
                        JsonIgnoreCondition.WhenWritingNull => "ignore-when-null",
                        JsonIgnoreCondition.WhenWritingDefault => "ignore-when-default",
                        JsonIgnoreCondition.Always => "ignored",
                        var condition => $"ignore-{condition}",
                    });
                }

                var wireName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
                var signature = $"{TypeName(property.PropertyType, Nullability.Create(property))} {property.Name}";
                return Line(signature, wireName, flags, Attributes(property.CustomAttributes));
            });

    private static IEnumerable<string> Methods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName)
            .OrderBy(method => method.MetadataToken)
            .Select(method =>
            {
                var parameters = method.GetParameters().Select(parameter =>
                {
                    var declaration = $"{TypeName(parameter.ParameterType, Nullability.Create(parameter))} {parameter.Name}";
                    return parameter.HasDefaultValue ? $"{declaration} = {DefaultValue(parameter)}" : declaration;
                });
                var returnType = TypeName(method.ReturnType, Nullability.Create(method.ReturnParameter));
                return $"{returnType} {method.Name}({string.Join(", ", parameters)})";
            });

    private static string Line(string signature, string? wireName, IEnumerable<string> flags, IEnumerable<string> attributes)
    {
        var line = new StringBuilder(signature);
        if (wireName is not null)
        {
            line.Append(" -> \"").Append(wireName).Append('"');
        }

        foreach (var part in flags.Concat(attributes))
        {
            line.Append(" [").Append(part).Append(']');
        }

        return line.ToString();
    }

    private static IEnumerable<string> Attributes(IEnumerable<CustomAttributeData> attributes) =>
        attributes
            .Select(attribute => (attribute, rank: InterestRank(attribute.AttributeType)))
            .Where(x => x.rank >= 0)
            .Select(x => (text: RenderAttribute(x.attribute), x.rank))
            .OrderBy(x => x.rank).ThenBy(x => x.text, StringComparer.Ordinal)
            .Select(x => x.text);

    private static int InterestRank(Type attributeType) =>
        attributeType == typeof(JsonRequiredAttribute) ? -1 : Array.IndexOf(AttributesOfInterest, attributeType.Name);

    private static string RenderAttribute(CustomAttributeData attribute)
    {
        var name = attribute.AttributeType.Name[..^"Attribute".Length];
        var arguments = attribute.ConstructorArguments.Select(argument => Value(argument.Value))
            .Concat(attribute.NamedArguments.Select(argument => $"{argument.MemberName} = {Value(argument.TypedValue.Value)}"))
            .ToList();
        return arguments.Count == 0 ? name : $"{name}({string.Join(", ", arguments)})";
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        Type type => TypeName(type),
        int.MaxValue => "int.MaxValue",
        long.MaxValue => "long.MaxValue",
        double.MaxValue => "double.MaxValue",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IEnumerable<CustomAttributeTypedArgument> items => $"[{string.Join(", ", items.Select(item => Value(item.Value)))}]",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string DefaultValue(ParameterInfo parameter) => parameter.DefaultValue switch
    {
        null when parameter.ParameterType.IsValueType => "default",
        var value when parameter.ParameterType.IsEnum => $"{TypeName(parameter.ParameterType)}.{Enum.GetName(parameter.ParameterType, value!)}",
        var value => Value(value),
    };

    private static string TypeName(Type type) => TypeName(type, nullability: null);

    // C# spelling: keywords, generic arguments, '?' where the type is nullable (reference types only
    // when the nullability context says so; Nullable<T> always).
    private static string TypeName(Type type, NullabilityInfo? nullability)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying, nullability?.GenericTypeArguments.FirstOrDefault()) + "?";
        }

        // An unconstrained type parameter reads as "maybe null" whatever the source says; T is spelled T.
        var suffix = !type.IsValueType && !type.IsGenericParameter && nullability?.ReadState == NullabilityState.Nullable ? "?" : string.Empty;
        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!, nullability?.ElementType) + "[]" + suffix;
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + suffix;
        }

        var name = type.IsNested && !type.IsGenericParameter ? TypeName(type.DeclaringType!) + "." + type.Name : type.Name;
        if (!type.IsGenericType)
        {
            return name + suffix;
        }

        var arguments = type.GetGenericArguments()
            .Select((argument, index) => TypeName(argument, nullability?.GenericTypeArguments.ElementAtOrDefault(index)));
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", arguments)}>{suffix}";
    }
}
