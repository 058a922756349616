using System.Globalization;
using UsageSchema.Generators.Diagnostics;
using UsageSchema.Generators.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace UsageSchema.Generators.Spec;

/// <summary>
/// Reads the object schemas of one OpenAPI 3.0 spec into <see cref="SpecModel"/>: members with
/// their constraints (<c>$ref</c> and <c>allOf</c> resolved), <c>x-upsert-key</c>, <c>x-rules</c>
/// <c>x-usage-record</c> and <c>x-usage-message</c>. Never throws on a bad spec: what it cannot honour becomes a <see cref="SpecProblem"/>.
/// </summary>
internal static class SpecParser
{
    private const string SchemaRefPrefix = "#/components/schemas/";

    public static SpecModel Parse(SpecFile file, CancellationToken cancellationToken)
    {
        var problems = new List<SpecProblem>();
        YamlMappingNode? schemas;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(file.Text));
            schemas = stream.Documents.Count == 0 ? null : Mapping(Mapping(stream.Documents[0].RootNode, "components"), "schemas");
        }
        catch (YamlException ex)
        {
            problems.Add(new SpecProblem(DiagnosticIds.UnreadableSpec, ex.Message, (int)ex.Start.Line, (int)ex.Start.Column));
            return new SpecModel(file.Path, file.Namespace, EquatableArray<SchemaModel>.Empty, problems.ToEquatableArray());
        }

        var models = new List<SchemaModel>();
        if (schemas is not null)
        {
            var resolver = new SchemaResolver(schemas);
            foreach (var entry in schemas.Children)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.Key is YamlScalarNode { Value: { } name } && entry.Value is YamlMappingNode schema && SchemaResolver.IsObjectSchema(schema))
                {
                    models.Add(ParseSchema(name, schema, resolver, problems));
                }
            }
        }

        return new SpecModel(file.Path, file.Namespace, models.ToEquatableArray(), problems.ToEquatableArray());
    }

    private static SchemaModel ParseSchema(string name, YamlMappingNode schema, SchemaResolver resolver, List<SpecProblem> problems)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<KeyValuePair<string, YamlMappingNode>>();
        var discriminators = new HashSet<string>(StringComparer.Ordinal);
        resolver.CollectObject(schema, required, properties, discriminators);

        var members = new List<SchemaMember>();
        foreach (var property in properties)
        {
            if (members.All(member => member.WireName != property.Key) && !discriminators.Contains(property.Key))
            {
                members.Add(resolver.Member(property.Key, property.Value, required.Contains(property.Key)));
            }
        }

        var upsertKey = new List<string>();
        if (schema.Children.TryGetValue(new YamlScalarNode("x-upsert-key"), out var keyNode))
        {
            foreach (var key in Scalars(keyNode))
            {
                if (members.Any(member => member.WireName == key.Value))
                {
                    upsertKey.Add(key.Value!);
                }
                else
                {
                    problems.Add(Problem(DiagnosticIds.UnknownUpsertKeyMember, key, $"x-upsert-key of schema '{name}' names '{key.Value}', which is not a member of the schema"));
                }
            }
        }

        var rules = new List<CrossFieldRule>();
        if (schema.Children.TryGetValue(new YamlScalarNode("x-rules"), out var rulesNode))
        {
            foreach (var ruleNode in Scalars(rulesNode))
            {
                if (RuleParser.TryParse(ruleNode.Value ?? string.Empty, members, out var rule, out var reason))
                {
                    rules.Add(rule!);
                }
                else
                {
                    problems.Add(Problem(DiagnosticIds.UnsupportedRule, ruleNode, $"x-rules entry '{ruleNode.Value}' of schema '{name}' cannot be honoured: {reason}"));
                }
            }
        }

        var usageRecord = Scalar(schema, "x-usage-record") is { Length: > 0 } api ? api.Trim() : null;
        var usageType = Scalar(schema, "x-usage-type") is { Length: > 0 } kind ? kind.Trim() : null;
        var usageMessage = Scalar(schema, "x-usage-message") is { Length: > 0 } messageApi ? messageApi.Trim() : null;
        return new SchemaModel(name, members.ToEquatableArray(), upsertKey.ToEquatableArray(), rules.ToEquatableArray(), usageRecord, usageType, (int)schema.Start.Line, (int)schema.Start.Column, usageMessage);
    }

    private static SpecProblem Problem(string id, YamlNode node, string message) =>
        new(id, message, (int)node.Start.Line, (int)node.Start.Column);

    private static IEnumerable<YamlScalarNode> Scalars(YamlNode node) =>
        node is YamlSequenceNode sequence ? sequence.Children.OfType<YamlScalarNode>() : Enumerable.Empty<YamlScalarNode>();

    internal static YamlMappingNode? Mapping(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    internal static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode scalar ? scalar.Value : null;

    internal static int? Integer(YamlMappingNode node, string key) =>
        int.TryParse(Scalar(node, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    internal static double? Number(YamlMappingNode node, string key) =>
        double.TryParse(Scalar(node, key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    internal static bool Flag(YamlMappingNode node, string key) =>
        string.Equals(Scalar(node, key), "true", StringComparison.OrdinalIgnoreCase);

    internal static string? SchemaRef(YamlMappingNode node)
    {
        var reference = Scalar(node, "$ref");
        return reference is not null && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal) ? reference.Substring(SchemaRefPrefix.Length) : null;
    }
}
