using System.Text.RegularExpressions;
using UsageSchema.Secrets;

namespace UsageSchema.GatewayAttributes.Client;

/// <summary>
/// Reads a Gateway Attributes API key from a key file, in either documented format: a curl config
/// line <c>header = "XA-API-Key: KEY"</c> (<c>~/.gateway-attributes-apikey</c>, used with
/// <c>curl -K</c>) or the legacy <c>apikey=KEY</c> (<c>~/.xsede-gateway-attributes-apikey</c>).
/// Blank lines, <c>#</c> comments and other curl options are ignored.
/// </summary>
/// <remarks>
/// The service's documentation asks for key files of mode 0600. On Unix a file that group or others
/// may read or write is refused, as ssh refuses such private keys: a key others can read is a
/// leaked key.
/// </remarks>
public static partial class GatewayApiKeyFile
{
    /// <summary>The documented name of a key file in the curl config format.</summary>
    public const string DefaultFileName = ".gateway-attributes-apikey";

    /// <summary>The documented name of a key file in the legacy <c>apikey=</c> format.</summary>
    public const string LegacyFileName = ".xsede-gateway-attributes-apikey";

    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Loads the key from the file at <paramref name="path"/> (a leading <c>~/</c> is the home directory).</summary>
    /// <param name="path">The key file.</param>
    /// <exception cref="ApiKeyFileException">The file is missing, unreadable, open to group or others, or holds no key.</exception>
    public static Secret Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = ExpandHome(path);
        string text;
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(fullPath);
                if ((mode & GroupOrOthers) != 0)
                {
                    var octal = Convert.ToString((int)mode, 8).PadLeft(4, '0');
                    throw new ApiKeyFileException(fullPath,
                        $"The API key file '{fullPath}' has mode {octal}: group or others may read or write it, so the key must be treated as exposed. " +
                        $"Restrict it to its owner with: chmod 600 '{fullPath}'",
                        innerException: null);
                }
            }

            text = File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ApiKeyFileException(fullPath, $"The API key file '{fullPath}' cannot be read: {exception.Message}", exception);
        }

        return Parse(text) ?? throw new ApiKeyFileException(fullPath,
            $"The API key file '{fullPath}' holds no key. Expected a line 'header = \"XA-API-Key: <KEY>\"' (curl config) or 'apikey=<KEY>' (legacy).",
            innerException: null);
    }

    /// <summary>The key in a key file's text, or null when no line holds one.</summary>
    /// <param name="text">The file's contents.</param>
    public static Secret? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = HeaderLine().Match(line);
            if (!match.Success)
            {
                match = LegacyLine().Match(line);
            }

            if (match.Success && match.Groups["key"].Value.Trim() is { Length: > 0 } key)
            {
                return new Secret(key);
            }
        }

        return null;
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;

    // curl config: "header = "XA-API-Key: KEY"", also with ':' or a space for '=', "--header", "-H", no quotes.
    [GeneratedRegex("""^(?:--?)?(?:header|H)\s*[=:\s]\s*(?<quote>["']?)\s*XA-API-Key\s*:\s*(?<key>[^"'\s]+)\s*\k<quote>\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();

    // Legacy: "apikey=KEY", spaces and quotes allowed.
    [GeneratedRegex("""^apikey\s*=\s*(?<quote>["']?)(?<key>[^"'\s]+)\k<quote>\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LegacyLine();
}
