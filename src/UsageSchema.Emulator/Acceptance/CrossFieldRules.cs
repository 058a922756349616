using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// The spec's <c>x-rules</c> (e.g. <c>StartTime &lt;= EndTime</c>), which JSON Schema cannot say, as a
/// keyword of the validator: each rule compares two members of the object it is declared on, as
/// instants. A rule is checked only when both members are present and read as date-times; their
/// formats are judged by the schema.
/// </summary>
internal sealed partial class CrossFieldRules : IKeywordHandler
{
    /// <summary>The keyword the dialect translation keeps.</summary>
    public const string Keyword = "x-rules";

    /// <summary>The JSON Schema 2020-12 dialect with this keyword added.</summary>
    public static Dialect Dialect { get; } = Dialect.Draft202012.With([new CrossFieldRules()]);

    /// <inheritdoc />
    public string Name => Keyword;

    /// <inheritdoc />
    public object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new JsonSchemaException("x-rules must be an array of rules.");
        }

        return value.EnumerateArray().Select(rule => Parse(rule.GetString() ?? string.Empty)).ToList();
    }

    /// <inheritdoc />
    public void BuildSubschemas(KeywordData keyword, BuildContext context)
    {
    }

    /// <inheritdoc />
    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        var broken = context.Instance.ValueKind == JsonValueKind.Object
            ? ((List<Rule>)keyword.Value!).Where(rule => !rule.Holds(context.Instance)).Select(rule => rule.Describe(context.Instance)).ToList()
            : [];
        return new KeywordEvaluation { Keyword = Keyword, IsValid = broken.Count == 0, Error = broken.Count == 0 ? null : string.Join('\n', broken) };
    }

    /// <summary>The rules of one <c>x-rules</c> value as a pass/fail check of an object (<see cref="CompiledSchema"/>), for an object schema without <c>properties</c>.</summary>
    /// <exception cref="JsonSchemaException">An entry is not of the form <c>A &lt;= B</c>.</exception>
    internal static Func<JsonElement, bool> Compile(System.Text.Json.Nodes.JsonNode value)
    {
        var rules = Read(value);
        return instance => instance.ValueKind != JsonValueKind.Object || Array.TrueForAll(rules, rule => rule.HoldsFast(instance));
    }

    /// <summary>The rules of one <c>x-rules</c> value.</summary>
    /// <exception cref="JsonSchemaException">An entry is not of the form <c>A &lt;= B</c>, or the value is not an array.</exception>
    internal static Rule[] Read(System.Text.Json.Nodes.JsonNode value) =>
        value is System.Text.Json.Nodes.JsonArray array
            ? [.. array.Select(rule => Parse(rule?.GetValue<string>() ?? string.Empty))]
            : throw new JsonSchemaException("x-rules must be an array of rules.");

    private static Rule Parse(string text)
    {
        var match = RuleText().Match(text);
        return match.Success ? new Rule(text, match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value)
            : throw new JsonSchemaException($"x-rules entry '{text}' is not of the form 'A <= B'.");
    }

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|==|<|>)\s*([A-Za-z_][A-Za-z0-9_]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleText();

    /// <summary>One rule: <c>Left op Right</c>.</summary>
    internal sealed record Rule(string Text, string Left, string Op, string Right)
    {
        /// <summary>True when <paramref name="a"/> <see cref="Op"/> <paramref name="b"/>.</summary>
        public bool Compares(DateTimeOffset a, DateTimeOffset b) => Op switch
        {
            "<" => a < b,
            "<=" => a <= b,
            ">" => a > b,
            ">=" => a >= b,
            _ => a == b,
        };

        /// <summary><see cref="Holds"/>, with the times read from their UTF-8 bytes (<see cref="DateTimeText.TryInstant"/>, the same reading).</summary>
        public bool HoldsFast(JsonElement target) =>
            !target.TryGetProperty(Left, out var left) || !DateTimeText.TryInstant(left, out var a)
            || !target.TryGetProperty(Right, out var right) || !DateTimeText.TryInstant(right, out var b)
            || Compares(a, b);

        /// <summary>True unless both members are date-times and break the rule.</summary>
        public bool Holds(JsonElement target)
        {
            if (!TryInstant(target, Left, out var a) || !TryInstant(target, Right, out var b))
            {
                return true;
            }

            return Compares(a, b);
        }

        /// <summary>The violation as <c>member: why</c>, one a line (the engine prefixes the object's path).</summary>
        public string Describe(JsonElement target) =>
            $"{Left}: must be {Op} {Right} ({Text}); got {target.GetProperty(Left).GetString()} and {target.GetProperty(Right).GetString()}";

        private static bool TryInstant(JsonElement target, string member, out DateTimeOffset instant)
        {
            instant = default;
            return target.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
        }
    }
}
