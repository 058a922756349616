using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using UsageSchema.Metadata;

namespace UsageSchema.Outbox;

/// <summary>
/// Removes the members the spec marks <c>x-secret</c> (e.g. the gateway record's legacy <c>apikey</c>) from
/// a record's wire JSON before it is stored: the outbox is a file or a table that outlives the run, and a
/// key has no business in it (the clients send the key from their own options). The names come from the
/// generated <see cref="SpecMemberAttribute"/>s, so the spec stays the only place that says what is secret.
/// </summary>
internal static class SecretFields
{
    private static readonly ConcurrentDictionary<Type, string[]> WireNames = new();

    /// <summary>The wire names of <paramref name="type"/>'s secret members.</summary>
    public static IReadOnlyList<string> Of(Type type) =>
        WireNames.GetOrAdd(type, static type => [.. type.GetCustomAttributes<SpecMemberAttribute>(inherit: false).Where(member => member.Secret).Select(member => member.WireName)]);

    /// <summary><paramref name="json"/> (a JSON object, UTF-8) without the secret members of <paramref name="type"/>; the same array when the type has none (the usual case).</summary>
    public static byte[] Strip(Type type, byte[] json)
    {
        if (Of(type).Count == 0)
        {
            return json;
        }

        var text = System.Text.Encoding.UTF8.GetString(json);
        var stripped = Strip(type, text);
        return ReferenceEquals(stripped, text) ? json : System.Text.Encoding.UTF8.GetBytes(stripped);
    }

    /// <summary><paramref name="json"/> (a JSON object) without the secret members of <paramref name="type"/>.</summary>
    public static string Strip(Type type, string json)
    {
        var secrets = Of(type);
        if (secrets.Count == 0 || JsonNode.Parse(json) is not JsonObject node)
        {
            return json;
        }

        var removed = false;
        foreach (var name in secrets)
        {
            // The wire may spell it in any case (additional properties keep what the input said).
            foreach (var key in node.Select(property => property.Key).Where(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                removed |= node.Remove(key);
            }
        }

        return removed ? node.ToJsonString(Serialization.UsageJson.Options) : json;
    }
}
