using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// Judges one operation's request body: the body is read through the service's <see cref="KnownForms"/>,
/// then validated against the spec's schema (translated by <see cref="OpenApiDialect"/>) with
/// JsonSchema.Net, formats and the spec's <c>x-rules</c> (<see cref="CrossFieldRules"/>) included.
/// </summary>
/// <remarks>
/// Two ways to one verdict. The common case, a body no known form applies to and that
/// <see cref="CompiledSchema"/> finds valid, is accepted on the caller's parsed body, with no copy.
/// Any other body goes the full way (a copy read through the forms, JsonSchema.Net), which also
/// phrases every violation; <see cref="CompiledSchema"/> only ever says "valid", so a message is
/// always JsonSchema.Net's.
/// </remarks>
internal sealed class RequestBodyCheck
{
    private readonly UsageApi _service;
    private readonly JsonSchema _schema;
    private readonly CompiledSchema _compiled;

    // A valid body is the common case: the pass/fail flag is four times cheaper than the list of every node.
    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    private static readonly EvaluationOptions List = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private readonly HashSet<string> _secretMembers;

    // Judging is a pure function of the body's text, and a retry sends the same bytes again: the
    // verdicts of recent bodies are remembered by the text's hash, so a client's retry of a large
    // request is answered as quickly as the service's duplicate check allows (clients time out).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<BodyViolation>> _recent = new(StringComparer.Ordinal);
    private const int RecentLimit = 256;

    public RequestBodyCheck(UsageApi service, string operation, string mediaType, JsonObject schema, Uri id, IEnumerable<string> secretMembers)
    {
        _service = service;
        _secretMembers = new HashSet<string>(secretMembers, StringComparer.Ordinal);
        Operation = operation;
        MediaType = mediaType;
        Schema = schema;
        _schema = JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = CrossFieldRules.Dialect }, id);
        _compiled = new CompiledSchema(schema);
    }

    /// <summary>The compiled pass/fail reading of <see cref="Schema"/> (the fast path).</summary>
    internal CompiledSchema Compiled => _compiled;

    /// <summary>JsonSchema.Net's pass/fail verdict on <paramref name="body"/> as it is (no known forms): the reference the compiled reading is tested against.</summary>
    internal bool ReferenceIsValid(JsonElement body) => _schema.Evaluate(body, Flag).IsValid;

    /// <summary>
    /// Judges <paramref name="body"/>: accepted as it is when no known form applies and the compiled schema finds it
    /// valid (the verdict's <see cref="AcceptanceVerdict.Body"/> is then <paramref name="body"/> itself); otherwise the full way.
    /// </summary>
    /// <param name="body">The parsed body.</param>
    /// <param name="profile">Where the stages' times are summed, when the intake is profiled.</param>
    public AcceptanceVerdict Check(JsonElement body, IntakeProfile? profile = null)
    {
        var mark = profile?.Now(IntakeProfile.Stage.KnownForms) ?? 0;
        var formsApply = body.ValueKind == JsonValueKind.Null || KnownForms.AnyApplies(_service, body);
        mark = profile?.Add(IntakeProfile.Stage.KnownForms, mark) ?? 0;
        if (!formsApply)
        {
            var valid = _compiled.IsValid(body);
            mark = profile?.Add(IntakeProfile.Stage.Compiled, mark) ?? 0;
            if (valid)
            {
                return new AcceptanceVerdict(body, [], []);
            }
        }

        var verdict = Check(JsonNode.Parse(body.GetRawText()));
        profile?.Add(IntakeProfile.Stage.FullPath, mark);
        return verdict;
    }

    /// <summary>The operation, e.g. <c>POST /usage</c>.</summary>
    public string Operation { get; }

    /// <summary>The media type the spec gives the body (<c>application/json</c>, or form fields).</summary>
    public string MediaType { get; }

    /// <summary>The translated JSON Schema the body is judged by.</summary>
    public JsonObject Schema { get; }

    /// <summary>Judges <paramref name="body"/> (not changed: the known forms read a copy).</summary>
    public AcceptanceVerdict Check(JsonNode? body)
    {
        if (body is null)
        {
            return new AcceptanceVerdict(JsonSerializer.SerializeToElement(new JsonObject()), [new BodyViolation(string.Empty, "The body is JSON null.")], []);
        }

        var read = body.DeepClone();
        var forms = KnownForms.Readings(_service).Where(form => form.Read!(read)).Select(form => form.Id).ToList();

        var text = read.ToJsonString();
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (!_recent.TryGetValue(hash, out var violations))
        {
            violations = Judge(text, read);
            if (_recent.Count >= RecentLimit)
            {
                _recent.Clear();
            }

            _recent[hash] = violations;
        }

        return new AcceptanceVerdict(JsonSerializer.SerializeToElement(read), violations, forms);
    }

    private IReadOnlyList<BodyViolation> Judge(string text, JsonNode read)
    {
        using var document = JsonDocument.Parse(text);
        if (_schema.Evaluate(document.RootElement, Flag).IsValid)
        {
            return [];
        }

        var violations = new List<BodyViolation>();

        // An "if" only chooses a branch (the discriminator's dispatch): its failures are not the body's.
        foreach (var node in Flatten(_schema.Evaluate(document.RootElement, List)).Where(node => node.Errors is not null && !node.EvaluationPath.ToString().Split('/').Contains("if")))
        {
            var pointer = node.InstanceLocation.ToString();
            var instance = Resolve(read, pointer);
            violations.AddRange(node.Errors!.Where(error => error.Key is not ("allOf" or "$ref" or "then" or "else" or "if"))
                .SelectMany(error => Describe(pointer, error.Key, error.Value, instance, _secretMembers)));
        }

        return [.. violations.Distinct()];
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        foreach (var detail in results.Details ?? [])
        {
            foreach (var nested in Flatten(detail))
            {
                yield return nested;
            }
        }
    }

    /// <summary>
    /// A violation per missing member for <c>required</c>; otherwise the validator's message and the
    /// value as sent, except for members the spec marks <c>x-secret</c>, whose values are never repeated.
    /// </summary>
    private static IEnumerable<BodyViolation> Describe(string pointer, string keyword, string message, JsonNode? instance, HashSet<string> secretMembers)
    {
        var path = ToPath(pointer);
        if (keyword == CrossFieldRules.Keyword)
        {
            return message.Split('\n').Select(rule => rule.Split(": ", 2)).Select(parts => new BodyViolation(Join(path, parts[0]), parts[^1]));
        }

        if (keyword == "required" && instance is JsonObject target && MissingNames(message) is { Count: > 0 } names)
        {
            return names.Where(name => !target.ContainsKey(name)).Select(name => new BodyViolation(Join(path, name), "is required"));
        }

        var member = pointer[(pointer.LastIndexOf('/') + 1)..];
        if (instance is JsonValue && !secretMembers.Contains(member))
        {
            var value = instance.ToJsonString();
            message += "; got " + (value.Length > 80 ? value[..80] + "..." : value);
        }

        return [new BodyViolation(path, message)];
    }

    /// <summary>The names in JsonSchema.Net's <c>required</c> message (<c>Required properties ["A", "B"] are not present</c>).</summary>
    private static List<string> MissingNames(string message)
    {
        var start = message.IndexOf('[', StringComparison.Ordinal);
        var end = message.LastIndexOf(']');
        if (start < 0 || end <= start)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(message[start..(end + 1)]) ?? [];
        }
        catch (JsonException)
        {
            return [.. message[(start + 1)..end].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(name => name.Trim('"'))];
        }
    }

    private static JsonNode? Resolve(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>A JSON pointer (<c>/Records/3/Attributes/NodeCount</c>) as a wire path (<c>Records[3].Attributes.NodeCount</c>).</summary>
    internal static string ToPath(string pointer)
    {
        var path = new StringBuilder();
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (token.All(char.IsAsciiDigit))
            {
                path.Append('[').Append(token).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(token);
            }
        }

        return path.ToString();
    }

    private static string Join(string path, string member) => path.Length == 0 ? member : path + "." + member;
}
