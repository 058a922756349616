using System.Globalization;
using System.Text;

namespace UsageSchema.Validation;

/// <summary>
/// How a rejected value is shown in a message: quoted, shortened, or withheld for secrets. The one
/// copy: <c>SpecChecks</c> calls it at run time, and the analyzers compile this same file
/// (linked) so a compile-time diagnostic shows a value exactly as <c>Validate()</c> does.
/// Written against netstandard2.0 for that reason.
/// </summary>
internal static class ValueEcho
{
    private const int MaxEchoedLength = 64;

    public static string Echo(string? value, bool secret)
    {
        if (secret)
        {
            return "(redacted)";
        }

        if (value is null)
        {
            return "null";
        }

        if (value.Length <= MaxEchoedLength)
        {
            return "'" + Escape(value) + "'";
        }

        return "'" + Escape(value.Substring(0, MaxEchoedLength)) + "…' (" + value.Length.ToString(CultureInfo.InvariantCulture) + " characters)";
    }

    public static string Echo(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Echo(long value) => value.ToString(CultureInfo.InvariantCulture);

    // A rejected value goes into log lines and terminals: control characters are shown, not obeyed.
    private static string Escape(string value)
    {
        var hasControl = false;
        foreach (var character in value)
        {
            hasControl |= char.IsControl(character);
        }

        if (!hasControl)
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
