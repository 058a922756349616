using System.ComponentModel;
using System.Diagnostics;

namespace UsageSchema.Secrets;

/// <summary>
/// An API key or token. It prints as <c>***</c> everywhere (<see cref="ToString"/>, the debugger,
/// string interpolation, structured logs), so that putting an options object or a client into a log
/// message or an exception cannot leak it; only <see cref="Reveal"/> gives the value, and only the
/// code that writes the authentication header calls it.
/// </summary>
[DebuggerDisplay(Redacted)]
[TypeConverter(typeof(SecretTypeConverter))]
public sealed class Secret
{
    /// <summary>What a secret prints as.</summary>
    public const string Redacted = "***";

    private readonly string _value;

    /// <summary>Wraps a key or token.</summary>
    /// <param name="value">The key or token; neither empty nor white space.</param>
    /// <exception cref="ArgumentException">The value is empty or white space (the message never contains it).</exception>
    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A secret cannot be empty or white space.", nameof(value));
        }

        // Keys pasted from files and terminals often carry a trailing newline; it is never part of the key.
        _value = value.Trim();
    }

    /// <summary>The key or token itself. Call it only to write it where the service expects it.</summary>
    public string Reveal() => _value;

    /// <summary>Always <see cref="Redacted"/>.</summary>
    public override string ToString() => Redacted;

    /// <summary>
    /// <paramref name="text"/> with every occurrence of this secret replaced by <see cref="Redacted"/>:
    /// for text that came from elsewhere (a service's error body may echo the key it refused).
    /// </summary>
    /// <param name="text">Text that may contain the secret.</param>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace(_value, Redacted, StringComparison.Ordinal);
    }
}
