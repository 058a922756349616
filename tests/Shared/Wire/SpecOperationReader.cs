using YamlDotNet.RepresentationModel;

namespace UsageSchema.Tests.Shared.Wire;

/// <summary>One operation as a test reads it straight from a spec's YAML, independently of the generated code.</summary>
/// <param name="OperationId">The <c>operationId</c>.</param>
/// <param name="Method">The method, upper case.</param>
/// <param name="Path">The path template.</param>
/// <param name="PathParameters">The <c>in: path</c> parameters.</param>
/// <param name="QueryParameters">The <c>in: query</c> parameters.</param>
/// <param name="SecuritySchemes">The scheme names of the first security requirement (the operation's, or the document's).</param>
/// <param name="SecurityHeaders">The header names of those schemes that are <c>apiKey</c> headers.</param>
internal sealed record SpecOperationText(
    string OperationId,
    string Method,
    string Path,
    IReadOnlyList<string> PathParameters,
    IReadOnlyList<string> QueryParameters,
    IReadOnlyList<string> SecuritySchemes,
    IReadOnlyList<string> SecurityHeaders)
{
    public override string ToString() => $"{OperationId} ({Method} {Path})";
}

/// <summary>Reads the operations of the repository's specs with YamlDotNet, not with NSwag or the generated descriptors.</summary>
internal static class SpecOperationReader
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>The repository's <c>spec/</c> directory, found above the test assembly.</summary>
    public static string SpecDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var spec = System.IO.Path.Combine(directory.FullName, "spec");
            if (File.Exists(System.IO.Path.Combine(spec, "amie-usage.v1.yaml")))
            {
                return spec;
            }
        }

        throw new DirectoryNotFoundException("spec/ not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The operations of <c>spec/<paramref name="fileName"/></c>, in the spec's order.</summary>
    public static IReadOnlyList<SpecOperationText> Read(string fileName)
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(System.IO.Path.Combine(SpecDirectory(), fileName))))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var components = Map(root, "components");
        var schemes = Map(components, "securitySchemes");
        var operations = new List<SpecOperationText>();
        foreach (var (pathKey, pathNode) in ((YamlMappingNode)root["paths"]).Children)
        {
            var path = ((YamlScalarNode)pathKey).Value!;
            var pathItem = (YamlMappingNode)pathNode;
            var shared = Parameters(Node(pathItem, "parameters"), components);
            foreach (var (methodKey, operationNode) in pathItem.Children)
            {
                var method = ((YamlScalarNode)methodKey).Value!;
                if (!Methods.Contains(method))
                {
                    continue;
                }

                var operation = (YamlMappingNode)operationNode;
                var parameters = shared.Concat(Parameters(Node(operation, "parameters"), components)).ToList();
                var security = Node(operation, "security") ?? Node(root, "security");
                var requirement = security is YamlSequenceNode { Children.Count: > 0 } list ? (YamlMappingNode)list.Children[0] : null;
                var schemeNames = requirement?.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToList() ?? [];
                var headers = schemeNames
                    .Select(name => (YamlMappingNode)schemes![name])
                    .Where(scheme => Scalar(scheme, "type") == "apiKey" && Scalar(scheme, "in") == "header")
                    .Select(scheme => Scalar(scheme, "name")!)
                    .ToList();
                operations.Add(new SpecOperationText(
                    Scalar(operation, "operationId")!,
                    method.ToUpperInvariant(),
                    path,
                    [.. parameters.Where(parameter => parameter.In == "path").Select(parameter => parameter.Name)],
                    [.. parameters.Where(parameter => parameter.In == "query").Select(parameter => parameter.Name)],
                    schemeNames,
                    headers));
            }
        }

        return operations;
    }

    /// <summary>The <c>(name, in)</c> of each parameter, <c>$ref</c>s to <c>#/components/parameters/</c> resolved.</summary>
    private static List<(string Name, string In)> Parameters(YamlNode? list, YamlMappingNode? components)
    {
        var result = new List<(string, string)>();
        foreach (var item in (list as YamlSequenceNode)?.Children ?? [])
        {
            var parameter = (YamlMappingNode)item;
            if (Scalar(parameter, "$ref") is { } reference)
            {
                const string Prefix = "#/components/parameters/";
                Assert.StartsWith(Prefix, reference, StringComparison.Ordinal);
                parameter = (YamlMappingNode)((YamlMappingNode)components!["parameters"])[reference[Prefix.Length..]];
            }

            result.Add((Scalar(parameter, "name")!, Scalar(parameter, "in")!));
        }

        return result;
    }

    private static YamlNode? Node(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static YamlMappingNode? Map(YamlMappingNode? node, string key) => Node(node, key) as YamlMappingNode;

    private static string? Scalar(YamlMappingNode node, string key) => (Node(node, key) as YamlScalarNode)?.Value;
}
