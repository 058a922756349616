using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// The spec's <c>x-rules</c> (e.g. <c>StartTime &lt;= EndTime</c>), which JSON Schema cannot say: each
/// rule compares two members of the object it is declared on, as instants. A rule is checked only
/// when both members are present and read as date-times; their formats are judged by the schema.
/// </summary>
internal static partial class CrossFieldRules
{
    /// <summary>The keyword the dialect translation keeps, so the validator reports where each rule applies.</summary>
    public const string Keyword = "x-rules";

    /// <summary>The rules of one <c>x-rules</c> value broken by <paramref name="instance"/>, as (member, message).</summary>
    public static IEnumerable<(string Member, string Message)> Broken(JsonNode? rules, JsonNode? instance)
    {
        if (rules is not JsonArray list || instance is not JsonObject target)
        {
            yield break;
        }

        foreach (var text in list.Select(rule => rule?.ToString() ?? string.Empty))
        {
            var match = Rule().Match(text);
            if (!match.Success)
            {
                throw new InvalidOperationException($"x-rules entry '{text}' is not of the form 'A <= B'.");
            }

            var (left, op, right) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
            if (!TryInstant(target[left], out var a) || !TryInstant(target[right], out var b))
            {
                continue;
            }

            var holds = op switch
            {
                "<" => a < b,
                "<=" => a <= b,
                ">" => a > b,
                ">=" => a >= b,
                _ => a == b,
            };
            if (!holds)
            {
                yield return (left, $"must be {op} {right} ({text}); got {target[left]} and {target[right]}");
            }
        }
    }

    private static bool TryInstant(JsonNode? node, out DateTimeOffset instant)
    {
        instant = default;
        return node is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|==|<|>)\s*([A-Za-z_][A-Za-z0-9_]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Rule();
}
