using System.Text.RegularExpressions;
using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Spec;

/// <summary>Parses an <c>x-rules</c> entry: <c>&lt;member&gt; &lt;op&gt; &lt;member&gt;</c>, op one of &lt;, &lt;=, &gt;, &gt;=.</summary>
internal static class RuleParser
{
    private static readonly Regex Syntax = new(@"^\s*(?<left>[A-Za-z_][A-Za-z0-9_\-]*)\s*(?<op><=|>=|<|>)\s*(?<right>[A-Za-z_][A-Za-z0-9_\-]*)\s*$", RegexOptions.CultureInvariant);

    public static bool TryParse(string text, IReadOnlyList<SchemaMember> members, out CrossFieldRule? rule, out string reason)
    {
        rule = null;
        var match = Syntax.Match(text);
        if (!match.Success)
        {
            reason = "expected '<member> <op> <member>' with op one of <, <=, >, >=";
            return false;
        }

        var left = members.FirstOrDefault(member => member.WireName == match.Groups["left"].Value);
        var right = members.FirstOrDefault(member => member.WireName == match.Groups["right"].Value);
        if (left is null || right is null)
        {
            reason = $"'{(left is null ? match.Groups["left"].Value : match.Groups["right"].Value)}' is not a member of the schema";
            return false;
        }

        if (!(left.Constraints.IsDateTime && right.Constraints.IsDateTime) && !(left.Constraints.IsNumeric && right.Constraints.IsNumeric))
        {
            reason = "both members must be date-times or both numbers";
            return false;
        }

        reason = string.Empty;
        rule = new CrossFieldRule(text.Trim(), left.WireName, match.Groups["op"].Value, right.WireName);
        return true;
    }
}
