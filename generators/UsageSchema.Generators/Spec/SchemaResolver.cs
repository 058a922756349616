using UsageSchema.Constraints;
using UsageSchema.Generators.Model;
using YamlDotNet.RepresentationModel;

namespace UsageSchema.Generators.Spec;

/// <summary>Follows <c>$ref</c> and <c>allOf</c> inside one spec's <c>components/schemas</c>.</summary>
internal sealed class SchemaResolver(YamlMappingNode schemas)
{
    private const int MaxDepth = 16;

    public static bool IsObjectSchema(YamlMappingNode schema) =>
        SpecParser.Scalar(schema, "type") == "object"
        || SpecParser.Mapping(schema, "properties") is not null
        || schema.Children.ContainsKey(new YamlScalarNode("allOf"));

    /// <summary>
    /// Gathers the properties and required names of an object schema, through its <c>allOf</c>
    /// parts, and the discriminator members on the way: those are the JSON converter's business
    /// (NSwag leaves them out of the base class; each subtype writes its own constant).
    /// </summary>
    public void CollectObject(YamlMappingNode schema, HashSet<string> required, List<KeyValuePair<string, YamlMappingNode>> properties, HashSet<string> discriminators, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        if (Resolve(schema) is { } target && !ReferenceEquals(target, schema))
        {
            CollectObject(target, required, properties, discriminators, depth + 1);
            return;
        }

        if (schema.Children.TryGetValue(new YamlScalarNode("allOf"), out var parts) && parts is YamlSequenceNode sequence)
        {
            foreach (var part in sequence.Children.OfType<YamlMappingNode>())
            {
                CollectObject(part, required, properties, discriminators, depth + 1);
            }
        }

        if (SpecParser.Mapping(schema, "discriminator") is { } discriminator && SpecParser.Scalar(discriminator, "propertyName") is { } discriminatorName)
        {
            discriminators.Add(discriminatorName);
        }

        if (schema.Children.TryGetValue(new YamlScalarNode("required"), out var names) && names is YamlSequenceNode list)
        {
            foreach (var name in list.Children.OfType<YamlScalarNode>())
            {
                required.Add(name.Value ?? string.Empty);
            }
        }

        if (SpecParser.Mapping(schema, "properties") is { } members)
        {
            foreach (var member in members.Children)
            {
                if (member.Key is YamlScalarNode { Value: { } name } && member.Value is YamlMappingNode definition)
                {
                    properties.Add(new KeyValuePair<string, YamlMappingNode>(name, definition));
                }
            }
        }
    }

    /// <summary>
    /// The constraints of a member. A <c>$ref</c> to a primitive schema (<c>Charge</c>,
    /// <c>ObjectId</c>) contributes that schema's constraints; the member's own keywords win.
    /// </summary>
    public SchemaMember Member(string wireName, YamlMappingNode definition, bool required)
    {
        var target = Resolve(definition) ?? definition;
        string? Read(string key) => SpecParser.Scalar(definition, key) ?? SpecParser.Scalar(target, key);
        IReadOnlyList<string>? ReadList(string key) =>
            (definition.Children.TryGetValue(new YamlScalarNode(key), out var own) ? own
                : target.Children.TryGetValue(new YamlScalarNode(key), out var referenced) ? referenced : null) is YamlSequenceNode values
                ? values.Children.OfType<YamlScalarNode>().Select(value => value.Value ?? string.Empty).ToList()
                : null;

        var type = Read("type") ?? (IsObjectSchema(target) ? "object" : null);
        return new SchemaMember(wireName, MemberConstraints.FromSpec(required, Read, ReadList, type));
    }

    private YamlMappingNode? Resolve(YamlMappingNode node)
    {
        var current = node;
        for (var depth = 0; depth < MaxDepth && SpecParser.SchemaRef(current) is { } name; depth++)
        {
            if (!schemas.Children.TryGetValue(new YamlScalarNode(name), out var next) || next is not YamlMappingNode mapping)
            {
                return null;
            }

            current = mapping;
        }

        return ReferenceEquals(current, node) ? null : current;
    }
}
