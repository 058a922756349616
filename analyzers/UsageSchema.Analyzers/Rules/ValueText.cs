using System.Globalization;
using System.Text;

namespace UsageSchema.Analyzers.Rules;

/// <summary>Values as the generated Validate() shows them in messages (see UsageSchema.Validation.SpecChecks.Echo).</summary>
internal static class ValueText
{
    private const int MaxEchoedLength = 64;

    public static string Echo(string value, bool secret)
    {
        if (secret)
        {
            return "(redacted)";
        }

        var shown = value.Length <= MaxEchoedLength ? value : value.Substring(0, MaxEchoedLength);
        return value.Length <= MaxEchoedLength
            ? "'" + Escape(shown) + "'"
            : "'" + Escape(shown) + "…' (" + value.Length.ToString(CultureInfo.InvariantCulture) + " characters)";
    }

    public static string Echo(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Echo(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A spec bound as the generator writes it into messages: integral for integer members.</summary>
    public static string Bound(double value, bool integral) => integral && value == Math.Floor(value)
        ? ((long)value).ToString(CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);

    // A rejected value goes into build logs and terminals: control characters are shown, not obeyed.
    private static string Escape(string value)
    {
        if (!value.Any(char.IsControl))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var character in value)
        {
            builder.Append(character switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(character) => "\\u" + ((int)character).ToString("x4", CultureInfo.InvariantCulture),
                _ => character.ToString(),
            });
        }

        return builder.ToString();
    }
}
