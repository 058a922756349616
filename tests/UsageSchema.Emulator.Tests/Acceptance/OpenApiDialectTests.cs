using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using UsageSchema.Emulator.Acceptance;

namespace UsageSchema.Emulator.Tests.Acceptance;

/// <summary>The OpenAPI 3.0.3 → JSON Schema 2020-12 translation, judged by JsonSchema.Net itself.</summary>
public sealed class OpenApiDialectTests
{
    private static bool Valid(JsonObject components, string root, string instance)
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$ref"] = OpenApiDialect.DefsPrefix + root,
            ["$defs"] = OpenApiDialect.TranslateComponents(components),
        };
        var built = JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri("https://dialect.test/" + Guid.NewGuid().ToString("N")));
        using var document = JsonDocument.Parse(instance);
        return built.Evaluate(document.RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid;
    }

    [Fact]
    public void Nullable_admits_null_and_nothing_else_new()
    {
        var components = JsonNode.Parse("""{"N": {"type": "string", "nullable": true}, "S": {"type": "string"}}""")!.AsObject();
        Assert.True(Valid(components, "N", "null"));
        Assert.True(Valid(components, "N", "\"x\""));
        Assert.False(Valid(components, "N", "1"));
        Assert.False(Valid(components, "S", "null"));
    }

    [Fact]
    public void Boolean_exclusive_bounds_become_numeric_ones()
    {
        var components = JsonNode.Parse("""{"P": {"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true}, "Q": {"type": "number", "minimum": 0, "exclusiveMinimum": false}}""")!.AsObject();
        Assert.False(Valid(components, "P", "0"));
        Assert.True(Valid(components, "P", "0.5"));
        Assert.False(Valid(components, "P", "10"));
        Assert.True(Valid(components, "Q", "0"));
        Assert.False(Valid(components, "Q", "-1"));
    }

    [Fact]
    public void A_discriminator_dispatches_on_its_property_without_recursing()
    {
        var components = JsonNode.Parse("""
            {
              "Base": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["a", "b"]}},
                       "discriminator": {"propertyName": "kind", "mapping": {"a": "#/components/schemas/A", "b": "#/components/schemas/B"}}},
              "A": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "required": ["x"], "properties": {"x": {"type": "integer"}}}]},
              "B": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "required": ["y"]}]}
            }
            """)!.AsObject();
        Assert.True(Valid(components, "Base", """{"kind": "a", "x": 1}"""));
        Assert.False(Valid(components, "Base", """{"kind": "a", "y": 1}"""));
        Assert.True(Valid(components, "Base", """{"kind": "b", "y": 1}"""));
        Assert.False(Valid(components, "Base", """{"kind": "c"}"""));
    }

    [Fact]
    public void Vendor_keys_and_OpenApi_only_formats_are_dropped_but_x_rules_is_kept()
    {
        var translated = OpenApiDialect.Translate(JsonNode.Parse("""
            {"type": "object", "x-upsert-key": ["a"], "x-rules": ["a <= b"], "example": {"a": 1},
             "properties": {"x-named": {"type": "integer", "format": "int64", "x-csharp-name": "Named"}, "t": {"type": "string", "format": "date-time"}}}
            """))!.AsObject();
        Assert.Null(translated["x-upsert-key"]);
        Assert.Null(translated["example"]);
        Assert.NotNull(translated[CrossFieldRules.Keyword]);
        Assert.Equal("""{"type":"integer"}""", translated["properties"]!["x-named"]!.ToJsonString());
        Assert.Equal("date-time", translated["properties"]!["t"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public void Component_references_point_into_defs()
    {
        var translated = OpenApiDialect.Translate(JsonNode.Parse("""{"$ref": "#/components/schemas/Charge"}"""))!;
        Assert.Equal("#/$defs/Charge", translated["$ref"]!.GetValue<string>());
    }
}
