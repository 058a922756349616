using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// One of the specs in <c>spec/</c>, embedded in this assembly (linked, not copied) and read with
/// Microsoft.OpenApi: its request bodies, each as a JSON Schema 2020-12 document ready to validate.
/// </summary>
internal sealed class SpecDocument
{
    private const string ResourcePrefix = "UsageSchema.Emulator.Specs.";
    private readonly Dictionary<(string Method, string Path), RequestBodyCheck> _bodies;

    private SpecDocument(string fileName, Dictionary<(string, string), RequestBodyCheck> bodies)
    {
        FileName = fileName;
        _bodies = bodies;
    }

    /// <summary>The spec's file name in <c>spec/</c>, e.g. <c>amie-usage.v1.yaml</c>.</summary>
    public string FileName { get; }

    /// <summary>The (method, path template) of every operation with a request body.</summary>
    public IEnumerable<(string Method, string Path)> Operations => _bodies.Keys;

    /// <summary>The check of one operation's request body.</summary>
    /// <exception cref="KeyNotFoundException">The spec has no such operation with a body.</exception>
    public RequestBodyCheck Body(HttpMethod method, string path) =>
        _bodies.TryGetValue((method.Method, path), out var check) ? check
            : throw new KeyNotFoundException($"{FileName} has no request body for {method} {path}.");

    /// <summary>Reads one embedded spec.</summary>
    /// <exception cref="InvalidOperationException">The spec is missing, or Microsoft.OpenApi reports errors in it.</exception>
    public static SpecDocument Load(string fileName, UsageApi service)
    {
        using var stream = typeof(SpecDocument).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"spec/{fileName} is not embedded in the emulator.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        return Read(fileName, buffer, service);
    }

    /// <summary>Reads a spec from YAML text (the embedded files go through here too).</summary>
    /// <exception cref="InvalidOperationException">Microsoft.OpenApi reports errors in it.</exception>
    internal static SpecDocument Read(string fileName, MemoryStream buffer, UsageApi service)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var (document, diagnostic) = OpenApiDocument.Load(buffer, "yaml", settings);
        if (document is null || diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException($"spec/{fileName} does not read as OpenAPI: "
                + string.Join("; ", diagnostic?.Errors.Select(error => error.ToString()) ?? []));
        }

        var json = JsonNode.Parse(document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0).GetAwaiter().GetResult())!.AsObject();
        var defs = OpenApiDialect.TranslateComponents(json["components"]?["schemas"] as JsonObject);
        var secrets = SecretMembers(json["components"]?["schemas"]).ToList();
        var bodies = new Dictionary<(string, string), RequestBodyCheck>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (operation.RequestBody?.Content is not { Count: > 0 } content)
                {
                    continue;
                }

                // One body schema an operation: the first media type (every spec here has one).
                var (mediaType, media) = content.First();
                var schema = json["paths"]![path]![method.Method.ToLowerInvariant()]!["requestBody"]!["content"]![mediaType]!["schema"];
                var root = OpenApiDialect.Translate(schema)!.AsObject();
                // No $schema: it would choose the plain 2020-12 dialect; the build options give 2020-12 with x-rules.
                root["$defs"] = defs.DeepClone();
                var id = new Uri($"https://usage-schema.emulator/{fileName}/{method.Method}{path}");
                bodies[(method.Method, path)] = new RequestBodyCheck(service, $"{method.Method} {path}", mediaType, root, id, secrets);
            }
        }

        return new SpecDocument(fileName, bodies);
    }

    /// <summary>The names of members the spec marks <c>x-secret: true</c> (their values never appear in an answer).</summary>
    private static IEnumerable<string> SecretMembers(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return array.SelectMany(SecretMembers);
        }

        if (node is not JsonObject schema)
        {
            return [];
        }

        var own = schema["properties"] is JsonObject properties
            ? properties.Where(entry => entry.Value?["x-secret"]?.GetValueKind() == System.Text.Json.JsonValueKind.True).Select(entry => entry.Key)
            : [];
        return own.Concat(schema.SelectMany(entry => SecretMembers(entry.Value)));
    }
}
