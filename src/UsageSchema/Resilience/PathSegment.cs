using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using UsageSchema.Metadata;

namespace UsageSchema.Resilience;

/// <summary>
/// Checks a value before it becomes one segment of a request path, so that no input can change which
/// resource a request names: <c>..</c> or <c>.</c> (which URI normalisation resolves, turning
/// <c>DELETE /usage/failed/..</c> into <c>DELETE /usage/</c>), a <c>/</c>, a control character, an
/// empty value, or a value breaking the spec's pattern is refused before anything is sent.
/// </summary>
internal static class PathSegment
{
    /// <summary>The value, percent-encoded for a path; throws <see cref="ArgumentException"/> naming <paramref name="what"/> when it cannot be one segment.</summary>
    /// <param name="value">The value.</param>
    /// <param name="what">How the message names the value, e.g. <c>FailedRecordID #3</c>.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="pattern">The spec's pattern for the value, if it has one.</param>
    /// <param name="forbidden">Characters the path gives a meaning of its own (the comma between FailedRecordIDs).</param>
    public static string Escape(string? value, string what, string parameterName, Regex? pattern = null, string forbidden = "")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} is null, empty or white space; nothing was sent.", parameterName);
        }

        string? problem = value is "." or ".."
            ? $"is '{value}', which would name another path"
            : value.Contains('/', StringComparison.Ordinal)
                ? "contains '/', which would name another path"
                : value.Any(char.IsControl)
                    ? "contains a control character"
                    : value.IndexOfAny(forbidden.ToCharArray()) is >= 0 and var at
                        ? $"contains '{value[at]}', which the path uses as a separator"
                        : pattern is not null && !pattern.IsMatch(value)
                            ? $"does not match the spec's pattern {pattern}"
                            : null;
        return problem is null
            ? Uri.EscapeDataString(value)
            : throw new ArgumentException($"{what} {problem}; nothing was sent.", parameterName);
    }

    /// <summary>The spec's <c>pattern</c> for a member of <typeparamref name="T"/>, as the source generator recorded it.</summary>
    public static Regex? SpecPattern<T>(string member) =>
        typeof(T).GetCustomAttributes<SpecMemberAttribute>().FirstOrDefault(attribute => attribute.Member == member)?.Pattern is { } pattern
            ? new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            : null;

    /// <summary><c>FailedRecordID #3</c>.</summary>
    public static string Numbered(string name, int index) => name + " #" + (index + 1).ToString(CultureInfo.InvariantCulture);
}
