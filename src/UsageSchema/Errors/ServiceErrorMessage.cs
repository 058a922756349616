using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsageSchema.Errors;

/// <summary>
/// Turns an error body of any of the three services into one readable message.
/// </summary>
/// <remarks>
/// AMIE answers 400 with <c>{"error": "..."}</c>; PERSEUS's portal reads <c>detail</c>,
/// <c>message</c>, <c>error</c> or <c>errors</c>, each of which may be a string, a list (e.g. a
/// FastAPI validation list of <c>{"loc": [...], "msg": "..."}</c>) or an object; the gateway API
/// answers in plain text. Any of them may be empty, truncated or not JSON at all.
/// </remarks>
public static class ServiceErrorMessage
{
    // The members of the spec's ErrorBody (PERSEUS), in the spec's order: "readers take the first of
    // detail, message, error, errors that is present". AMIE's ErrorResponse "error" is among them.
    private static readonly string[] MessageKeys =
    [
        .. typeof(Perseus.ErrorBody).GetProperties()
            .OrderBy(property => property.MetadataToken)
            .Select(property => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .OfType<string>(),
    ];

    // The members of one item of a FastAPI validation list ({"loc": [...], "msg": "..."}): FastAPI's, not the spec's.
    private static readonly string[] ItemMessageKeys = ["msg", "message", "detail", "error"];

    /// <summary>The message carried by <paramref name="body"/>, or a description of why there is none.</summary>
    /// <param name="body">The response body as text; may be null, empty or not JSON.</param>
    public static string Extract(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(empty response body)";
        }

        var trimmed = body.Trim();
        if (trimmed[0] is not ('{' or '['))
        {
            return trimmed;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return FromRoot(document.RootElement) ?? trimmed;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // A truncated or malformed JSON body is still the best message there is. InvalidOperationException:
            // a string or member name whose escape is not UTF-16 (\uD800), which JsonDocument parses but cannot read.
            return trimmed;
        }
    }

    private static string? FromRoot(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in MessageKeys)
            {
                if (TryGetProperty(root, key, out var value) && Describe(value) is { Length: > 0 } message)
                {
                    return message;
                }
            }

            return null;
        }

        return Describe(root);
    }

    private static string? Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => JoinItems(value),
        JsonValueKind.Object => DescribeObject(value),
        _ => null,
    };

    private static string? JoinItems(JsonElement array)
    {
        var parts = array.EnumerateArray().Select(Describe).Where(part => !string.IsNullOrEmpty(part)).ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string DescribeObject(JsonElement value)
    {
        foreach (var key in ItemMessageKeys)
        {
            if (TryGetProperty(value, key, out var inner) && Describe(inner) is { Length: > 0 } message)
            {
                return TryGetProperty(value, "loc", out var location) && location.ValueKind == JsonValueKind.Array
                    ? $"{JoinLocation(location)}: {message}"
                    : message;
            }
        }

        // A map of field -> messages, as many frameworks write "errors".
        var fields = new List<string>();
        foreach (var property in value.EnumerateObject())
        {
            if (Describe(property.Value) is { Length: > 0 } message)
            {
                fields.Add($"{property.Name}: {message}");
            }
        }

        return fields.Count > 0 ? string.Join("; ", fields) : value.GetRawText();
    }

    private static string JoinLocation(JsonElement location)
    {
        var builder = new StringBuilder();
        foreach (var part in location.EnumerateArray())
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            builder.Append(part.ValueKind == JsonValueKind.String ? part.GetString() : part.GetRawText());
        }

        return builder.ToString();
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
