using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;
using UsageSchema.GatewayAttributes.Client;

namespace UsageSchema.Secrets;

/// <summary>
/// The one way keys and tokens are read, for all three services, from a key file or an environment
/// variable. A key file must be its user's own and closed to group and others; it is opened once and
/// checked on the open handle (so a file swapped in between a check and the read cannot slip through).
/// It holds one key: a single trailing newline is fine, but a second line, any other control
/// character or no key at all is refused, with the path and the fix and never the content, because a
/// header value with CR/LF in it breaks the request and a comment line would go out as the key.
/// </summary>
public static partial class SecretReader
{
    /// <summary>The largest key file read: far more than any key, and a bound on a wrong path (a log file).</summary>
    public const int MaxFileBytes = 64 * 1024;

    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the key from the file at <paramref name="path"/> (a leading <c>~/</c> is the home directory).</summary>
    /// <param name="path">The key file.</param>
    /// <param name="format">How the file holds its key.</param>
    /// <exception cref="ApiKeyFileException">The file is missing, unreadable, not the user's own, open to group or others, or does not hold exactly one key.</exception>
    public static Secret FromFile(string path, SecretFileFormat format = SecretFileFormat.SingleKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = ExpandHome(path);
        string text;
        try
        {
            using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            CheckOwnership(handle, fullPath);
            text = ReadText(handle, fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ApiKeyFileException(fullPath, $"The key file '{fullPath}' cannot be read: {exception.Message}", exception);
        }

        var key = format == SecretFileFormat.GatewayKeyFile ? GatewayKey(text, out var problem) : SingleKey(text, out problem);
        return key is not null
            ? new Secret(key)
            : throw new ApiKeyFileException(fullPath, $"The key file '{fullPath}' {problem} {Fix(format)}", innerException: null);
    }

    /// <summary>
    /// Reads a key from the environment variable <paramref name="variable"/>, with the rules of a
    /// single-key file; null when the variable is not set or empty.
    /// </summary>
    /// <param name="variable">The variable's name.</param>
    /// <exception cref="SecretSourceException">The value is white space, has a second line or another control character.</exception>
    public static Secret? FromEnvironment(string variable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return SingleKey(value, out var problem) is { } key
            ? new Secret(key)
            : throw new SecretSourceException(variable, $"The environment variable {variable} {problem} Set it to the key alone, on one line.", innerException: null);
    }

    /// <summary>The key of a Gateway Attributes key file's text, or null when no line holds one.</summary>
    /// <exception cref="ArgumentException">The text holds two key lines or a control character (the message never contains the text).</exception>
    internal static Secret? ParseGatewayKeyFile(string text)
    {
        var key = GatewayKey(text, out var problem);
        if (key is not null)
        {
            return new Secret(key);
        }

        return problem == NoKey ? null : throw new ArgumentException("The key file text " + problem, nameof(text));
    }

    private const string NoKey = "holds no key.";

    private static string Fix(SecretFileFormat format) => format == SecretFileFormat.GatewayKeyFile
        ? "Expected exactly one line 'header = \"XA-API-Key: <KEY>\"' (curl config) or 'apikey=<KEY>' (legacy)."
        : "A key file holds the key alone, on one line (a single trailing newline is fine); move comments elsewhere.";

    private static void CheckOwnership(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // fstat of the opened file, not a stat of the path before it was opened.
        var status = UnixFileStatus.Of(handle, path);
        var us = UnixFileStatus.EffectiveUserId();
        if (status.OwnerId != us)
        {
            throw new ApiKeyFileException(path,
                $"The key file '{path}' belongs to user id {status.OwnerId.ToString(CultureInfo.InvariantCulture)}, not to this user (id {us.ToString(CultureInfo.InvariantCulture)}): " +
                $"another user controls what it says. Make it yours with: chown $(id -u) '{path}' (or copy it into a file of your own).",
                innerException: null);
        }

        if (((UnixFileMode)status.Permissions & GroupOrOthers) != 0)
        {
            var octal = status.Octal;
            throw new ApiKeyFileException(path,
                $"The key file '{path}' has mode {octal}: group or others may read or write it, so the key must be treated as exposed. " +
                $"Restrict it to its owner with: chmod 600 '{path}'",
                innerException: null);
        }
    }

    private static string ReadText(SafeFileHandle handle, string path)
    {
        var buffer = new byte[MaxFileBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0)
        {
            length += read;
        }

        if (length > MaxFileBytes)
        {
            throw new ApiKeyFileException(path, $"The key file '{path}' is larger than {MaxFileBytes.ToString(CultureInfo.InvariantCulture)} bytes, so it is not a key file. Check the path.", innerException: null);
        }

        try
        {
            var text = StrictUtf8.GetString(buffer, 0, length);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException exception)
        {
            throw new ApiKeyFileException(path, $"The key file '{path}' is not UTF-8 text. Write the key as text.", exception);
        }
    }

    // One key, one line: exactly one trailing "\n" (or "\r\n") is allowed, nothing else that is a control character.
    private static string? SingleKey(string text, out string problem)
    {
        var body = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        if (string.IsNullOrWhiteSpace(body))
        {
            problem = NoKey;
            return null;
        }

        var control = body.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        var delete = body.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        var first = control < 0 ? delete : delete < 0 ? control : Math.Min(control, delete);
        if (first >= 0)
        {
            problem = body[first] is '\n' or '\r'
                ? "holds more than one line (a second line would be sent as part of the key)."
                : $"holds a control character (U+{((int)body[first]).ToString("X4", CultureInfo.InvariantCulture)}) at character {(first + 1).ToString(CultureInfo.InvariantCulture)}.";
            return null;
        }

        problem = string.Empty;
        return body.Trim();
    }

    private static string? GatewayKey(string text, out string problem)
    {
        var lines = text.Split('\n');
        string? key = null;
        var keyLines = 0;
        for (var number = 0; number < lines.Length; number++)
        {
            var line = lines[number].EndsWith('\r') ? lines[number][..^1] : lines[number];
            var control = line.AsSpan().IndexOfAnyInRange('\0', '\u001f');
            if (control >= 0 && line[control] != '\t')
            {
                problem = $"holds a control character (U+{((int)line[control]).ToString("X4", CultureInfo.InvariantCulture)}) on line {(number + 1).ToString(CultureInfo.InvariantCulture)}.";
                return null;
            }

            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var match = HeaderLine().Match(trimmed);
            if (!match.Success)
            {
                match = LegacyLine().Match(trimmed);
            }

            if (match.Success && match.Groups["key"].Value.Trim() is { Length: > 0 } found)
            {
                keyLines++;
                key = found;
            }
        }

        if (keyLines > 1)
        {
            problem = $"holds {keyLines.ToString(CultureInfo.InvariantCulture)} key lines, so which key is meant is unclear.";
            return null;
        }

        problem = key is null ? NoKey : string.Empty;
        return key;
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;

    // curl config: "header = "XA-API-Key: KEY"", also with ':' or a space for '=', "--header", "-H", no quotes.
    // The header name is written here, not taken from GatewayAttributesOperations.SecuritySchemes, on
    // purpose: this matches key files users already have, in the format the gateway's documentation
    // gives them (the spec's XaApiKey scheme describes it: `header = "XA-API-Key: <KEY>"` in
    // ~/.gateway-attributes-apikey, used with `curl -K`). A file keeps its text if the API ever
    // renamed its header, and it must still be read; what the client sends is the spec's name.
    [GeneratedRegex("""^(?:--?)?(?:header|H)\s*[=:\s]\s*(?<quote>["']?)\s*XA-API-Key\s*:\s*(?<key>[^"'\s]+)\s*\k<quote>\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();

    // Legacy: "apikey=KEY", spaces and quotes allowed.
    [GeneratedRegex("""^apikey\s*=\s*(?<quote>["']?)(?<key>[^"'\s]+)\k<quote>\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LegacyLine();
}
