using System.Globalization;

namespace UsageSchema.Generators.Emit;

/// <summary>C# literals for values read from a spec.</summary>
internal static class Literals
{
    public static string String(string value) => "@\"" + value.Replace("\"", "\"\"") + "\"";

    public static string Number(double value, bool integral) => integral && value == System.Math.Floor(value)
        ? ((long)value).ToString(CultureInfo.InvariantCulture) + "L"
        : value.ToString("R", CultureInfo.InvariantCulture) + "d";

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A JSON Schema pattern as a .NET regex. ECMA-262's <c>$</c> matches only at the very end;
    /// .NET's also matches before a final newline, so a trailing <c>$</c> becomes <c>\z</c>.
    /// </summary>
    public static string Pattern(string pattern) =>
        pattern.EndsWith("$", System.StringComparison.Ordinal) && !pattern.EndsWith("\\$", System.StringComparison.Ordinal)
            ? pattern.Substring(0, pattern.Length - 1) + "\\z"
            : pattern;
}
