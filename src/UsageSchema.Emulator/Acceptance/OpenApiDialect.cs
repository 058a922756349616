using System.Text.Json.Nodes;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// The one place where OpenAPI 3.0.3's schema dialect is turned into JSON Schema 2020-12, so that a
/// general JSON Schema validator can judge request bodies by the spec's own words.
/// </summary>
/// <remarks>
/// What differs, and what is done about it:
/// <list type="bullet">
/// <item><c>nullable: true</c> adds <c>"null"</c> to <c>type</c> (3.0 has no type arrays).</item>
/// <item><c>exclusiveMinimum: true</c> / <c>exclusiveMaximum: true</c> (booleans beside <c>minimum</c> /
/// <c>maximum</c> in 3.0) become the numeric 2020-12 keywords; <c>false</c> is dropped.</item>
/// <item><c>discriminator</c> on a schema <c>S</c>: its mapping becomes an <c>if</c>/<c>then</c> chain on the
/// discriminating property, and the mapped schemas' <c>allOf</c> reference to <c>S</c> points at <c>S</c>
/// without that chain (<c>S.base</c>), so the mapping does not recurse.</item>
/// <item><c>#/components/schemas/X</c> references become <c>#/$defs/X</c>.</item>
/// <item>Vendor <c>x-</c> keys, <c>example</c>, <c>xml</c> and <c>externalDocs</c> are dropped (they do not
/// constrain), except <c>x-rules</c>, kept for the validator's own keyword <see cref="CrossFieldRules"/>, and so are the
/// OpenAPI-only formats <c>int32</c>, <c>int64</c>, <c>float</c> and <c>double</c> (JSON Schema has no
/// such formats; the type <c>integer</c> or <c>number</c> stays).</item>
/// </list>
/// </remarks>
internal static class OpenApiDialect
{
    internal const string ComponentsPrefix = "#/components/schemas/";
    internal const string DefsPrefix = "#/$defs/";
    internal const string BaseSuffix = ".base";

    private static readonly HashSet<string> DroppedKeys = new(StringComparer.Ordinal) { "example", "xml", "externalDocs", "discriminator", "nullable" };
    private static readonly HashSet<string> OpenApiOnlyFormats = new(StringComparer.Ordinal) { "int32", "int64", "float", "double" };

    /// <summary>Translates a document's <c>components/schemas</c> into a 2020-12 <c>$defs</c> object.</summary>
    public static JsonObject TranslateComponents(JsonObject? componentSchemas)
    {
        var defs = new JsonObject();
        if (componentSchemas is null)
        {
            return defs;
        }

        foreach (var (name, schema) in componentSchemas)
        {
            if (schema is JsonObject source && source["discriminator"] is JsonObject discriminator)
            {
                defs[name + BaseSuffix] = Translate(source);
                defs[name] = Dispatch(name, discriminator);
            }
            else
            {
                defs[name] = Translate(schema);
            }
        }

        // The mapped schemas extend the base through allOf: they must reach the base, not the dispatch.
        foreach (var (name, schema) in componentSchemas)
        {
            if (schema is JsonObject { } source && source["discriminator"] is JsonObject discriminator && discriminator["mapping"] is JsonObject mapping)
            {
                foreach (var (_, target) in mapping)
                {
                    var targetName = target?.GetValue<string>()[ComponentsPrefix.Length..];
                    if (targetName is not null && defs[targetName]?["allOf"] is JsonArray allOf)
                    {
                        foreach (var part in allOf.OfType<JsonObject>().Where(part => part["$ref"]?.GetValue<string>() == DefsPrefix + name))
                        {
                            part["$ref"] = DefsPrefix + name + BaseSuffix;
                        }
                    }
                }
            }
        }

        return defs;
    }

    /// <summary>Translates one schema (and everything nested in it).</summary>
    public static JsonNode? Translate(JsonNode? node) => node switch
    {
        JsonObject schema => TranslateObject(schema),
        JsonArray array => new JsonArray([.. array.Select(Translate)]),
        _ => node?.DeepClone(),
    };

    private static JsonObject TranslateObject(JsonObject schema)
    {
        var result = new JsonObject();
        foreach (var (key, value) in schema)
        {
            if ((key.StartsWith("x-", StringComparison.Ordinal) && key != CrossFieldRules.Keyword) || DroppedKeys.Contains(key))
            {
                continue;
            }

            switch (key)
            {
                case "$ref" when value?.GetValue<string>() is { } reference && reference.StartsWith(ComponentsPrefix, StringComparison.Ordinal):
                    result[key] = DefsPrefix + reference[ComponentsPrefix.Length..];
                    break;
                case "format" when value?.GetValue<string>() is { } format && OpenApiOnlyFormats.Contains(format):
                    break;
                case "exclusiveMinimum" or "exclusiveMaximum":
                    if (value?.GetValueKind() == System.Text.Json.JsonValueKind.True)
                    {
                        var bound = key == "exclusiveMinimum" ? "minimum" : "maximum";
                        result[key] = schema[bound]?.DeepClone();
                    }
                    else if (value?.GetValueKind() == System.Text.Json.JsonValueKind.Number)
                    {
                        result[key] = value.DeepClone();
                    }

                    break;
                case "minimum" when schema["exclusiveMinimum"]?.GetValueKind() == System.Text.Json.JsonValueKind.True:
                case "maximum" when schema["exclusiveMaximum"]?.GetValueKind() == System.Text.Json.JsonValueKind.True:
                    break;

                // Keys whose values are maps of names to schemas: the names are data, not keywords.
                case "properties" or "patternProperties" or "$defs" or "definitions" when value is JsonObject map:
                    result[key] = new JsonObject(map.Select(entry => KeyValuePair.Create(entry.Key, Translate(entry.Value))));
                    break;
                default:
                    result[key] = Translate(value);
                    break;
            }
        }

        if (schema["nullable"]?.GetValueKind() == System.Text.Json.JsonValueKind.True && result["type"] is JsonValue type)
        {
            result["type"] = new JsonArray(type.GetValue<string>(), "null");
        }

        return result;
    }

    /// <summary>The discriminated schema: the base's own checks, then the mapped schema chosen by the property's value.</summary>
    private static JsonObject Dispatch(string name, JsonObject discriminator)
    {
        var property = discriminator["propertyName"]!.GetValue<string>();
        var dispatch = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = DefsPrefix + name + BaseSuffix }) };
        var current = dispatch;
        foreach (var (value, target) in discriminator["mapping"] as JsonObject ?? [])
        {
            var next = new JsonObject();
            current["if"] = new JsonObject
            {
                ["properties"] = new JsonObject { [property] = new JsonObject { ["const"] = value } },
                ["required"] = new JsonArray(property),
            };
            current["then"] = new JsonObject { ["$ref"] = DefsPrefix + target!.GetValue<string>()[ComponentsPrefix.Length..] };
            current["else"] = next;
            current = next;
        }

        return dispatch;
    }
}
