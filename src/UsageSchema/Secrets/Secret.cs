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
        var trimmed = value.Trim();

        // A control character left inside (a second line, a CR) would break the header it is written
        // into, or smuggle a second header in; it is never part of a real key.
        if (trimmed.Any(char.IsControl))
        {
            throw new ArgumentException("A secret cannot contain a line break or another control character (a key file with a second line?).", nameof(value));
        }

        _value = trimmed;
    }

    /// <summary>How long a piece of the key must be for <see cref="Scrub"/> to treat it as an echo of the key.</summary>
    public const int MinimumEchoLength = 8;

    /// <summary>The key or token itself. Call it only to write it where the service expects it.</summary>
    public string Reveal() => _value;

    /// <summary>Always <see cref="Redacted"/>.</summary>
    public override string ToString() => Redacted;

    /// <summary>
    /// <paramref name="text"/> with every occurrence of this secret replaced by <see cref="Redacted"/>,
    /// anywhere in the text, and so is every start of the key at least <see cref="MinimumEchoLength"/>
    /// characters long: for text that came from elsewhere (a service's error body may echo the key it
    /// refused, or the first part of it).
    /// </summary>
    /// <param name="text">Text that may contain the secret.</param>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scrubbed = text.Replace(_value, Redacted, StringComparison.Ordinal);
        if (_value.Length <= MinimumEchoLength)
        {
            return scrubbed;
        }

        var prefix = _value[..MinimumEchoLength];
        var from = 0;
        int start;
        while ((start = scrubbed.IndexOf(prefix, from, StringComparison.Ordinal)) >= 0)
        {
            var length = MinimumEchoLength;
            while (length < _value.Length && start + length < scrubbed.Length && scrubbed[start + length] == _value[length])
            {
                length++;
            }

            scrubbed = string.Concat(scrubbed.AsSpan(0, start), Redacted, scrubbed.AsSpan(start + length));
            from = start + Redacted.Length;
        }

        return scrubbed;
    }
}
