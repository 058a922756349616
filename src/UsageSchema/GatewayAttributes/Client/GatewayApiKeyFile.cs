using UsageSchema.Secrets;

namespace UsageSchema.GatewayAttributes.Client;

/// <summary>
/// Reads a Gateway Attributes API key from a key file, in either documented format: a curl config
/// line <c>header = "XA-API-Key: KEY"</c> (<c>~/.gateway-attributes-apikey</c>, used with
/// <c>curl -K</c>) or the legacy <c>apikey=KEY</c> (<c>~/.xsede-gateway-attributes-apikey</c>).
/// Blank lines, <c>#</c> comments and other curl options are ignored. The reading and its checks
/// are <see cref="SecretReader"/>'s, with <see cref="SecretFileFormat.GatewayKeyFile"/>.
/// </summary>
/// <remarks>
/// The service's documentation asks for key files of mode 0600. On Unix a file that group or others
/// may read or write, or that another user owns, is refused, as ssh refuses such private keys: a key
/// others can read is a leaked key.
/// </remarks>
public static class GatewayApiKeyFile
{
    /// <summary>The documented name of a key file in the curl config format.</summary>
    public const string DefaultFileName = ".gateway-attributes-apikey";

    /// <summary>The documented name of a key file in the legacy <c>apikey=</c> format.</summary>
    public const string LegacyFileName = ".xsede-gateway-attributes-apikey";

    /// <summary>Loads the key from the file at <paramref name="path"/> (a leading <c>~/</c> is the home directory).</summary>
    /// <param name="path">The key file.</param>
    /// <exception cref="ApiKeyFileException">The file is missing, unreadable, not the user's own, open to group or others, or does not hold exactly one key.</exception>
    public static Secret Load(string path) => SecretReader.FromFile(path, SecretFileFormat.GatewayKeyFile);

    /// <summary>The key in a key file's text, or null when no line holds one.</summary>
    /// <param name="text">The file's contents.</param>
    /// <exception cref="ArgumentException">The text holds two key lines or a control character.</exception>
    public static Secret? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SecretReader.ParseGatewayKeyFile(text);
    }
}
