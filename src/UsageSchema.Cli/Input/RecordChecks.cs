using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Checks of a record that the spec's <c>Validate()</c> cannot make because they concern the text it
/// was read from: a field longer than <see cref="InputLimits.MaxFieldChars"/>, a string escape that is
/// not UTF-16, a number that is not finite (<c>1e400</c>, <c>"NaN"</c>), which would pass
/// <c>minimum: 0</c> unnoticed and then fail to serialize when sent.
/// </summary>
internal static class RecordChecks
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> WireProperties = new();
    private static readonly ConcurrentDictionary<Type, HashSet<string>> Paths = new();

    /// <summary>The first unreadable or oversized string in <paramref name="node"/>: its wire path and what is wrong; null when there is none.</summary>
    public static (string? Field, string Message)? FindBadString(JsonNode? node, string? path = null)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (FindBadString(child, path is null ? name : $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindBadString(array[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                string text;
                try
                {
                    text = value.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    return (path, "holds an escape that is not UTF-16 text (a lone surrogate such as \\uD800)");
                }

                return text.Length > InputLimits.MaxFieldChars
                    ? (path, $"is {text.Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {InputLimits.MaxFieldChars.ToString(CultureInfo.InvariantCulture)}")
                    : null;
            default:
                return null;
        }
    }

    /// <summary>The text of a JSON string value; false for other values and for escapes that are not UTF-16 (<c>\uD800</c>), which throw when read.</summary>
    public static bool TryGetText(JsonValue value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        try
        {
            return value.TryGetValue(out text);
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>The wire path of the first number of <paramref name="record"/> that is NaN or infinite; null when all are finite.</summary>
    public static string? FindNonFinite(object? record, string? path = null)
    {
        if (record is null)
        {
            return null;
        }

        foreach (var property in WirePropertiesOf(record.GetType()))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name;
            var memberPath = path is null ? name : $"{path}.{name}";
            var value = property.GetValue(record);
            switch (value)
            {
                case double number when !double.IsFinite(number):
                case float single when !float.IsFinite(single):
                    return memberPath;
                case string or null or ValueType:
                    break;
                case IEnumerable items:
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (item is not null && IsWireType(item.GetType()) && FindNonFinite(item, $"{memberPath}[{index.ToString(CultureInfo.InvariantCulture)}]") is { } inner)
                        {
                            return inner;
                        }

                        index++;
                    }

                    break;
                default:
                    if (IsWireType(value.GetType()) && FindNonFinite(value, memberPath) is { } nested)
                    {
                        return nested;
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>Every wire path a CSV column may name for <paramref name="kind"/>: members and dotted members of nested objects.</summary>
    public static IReadOnlySet<string> WirePaths(Type kind) => Paths.GetOrAdd(kind, key =>
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        AddPaths(key, null, paths, depth: 0);
        return paths;
    });

    private static void AddPaths(Type type, string? prefix, HashSet<string> paths, int depth)
    {
        foreach (var property in WirePropertiesOf(type))
        {
            var path = prefix is null ? property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name : $"{prefix}.{property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name}";
            paths.Add(path);
            var memberType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (depth < 4 && IsWireType(memberType))
            {
                AddPaths(memberType, path, paths, depth + 1);
            }
        }
    }

    private static bool IsWireType(Type type) => type.IsClass && type != typeof(string) && type.Assembly == typeof(UsageSchema.Serialization.UsageJson).Assembly;

    private static PropertyInfo[] WirePropertiesOf(Type type) => WireProperties.GetOrAdd(type, key =>
        [.. key.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.GetIndexParameters().Length == 0 && property.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)]);
}
