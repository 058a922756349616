using System.Text.Json;
using System.Text.RegularExpressions;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Configuration;

/// <summary>
/// Finds and reads the configuration file: <c>--config FILE</c>, else <c>USAGE_SCHEMA_CONFIG</c>, else
/// <c>$XDG_CONFIG_HOME/usage-schema/config.json</c> (default <c>~/.config</c>). A file that is named
/// explicitly must exist; the user's own is optional. The working directory is never searched: a
/// <c>usage-schema.json</c> there may have been put by anyone who can write that directory. Every file is
/// checked by <see cref="ConfigFileTrust"/> before it is read.
/// </summary>
internal static partial class CliConfigLoader
{
    /// <summary>The environment variable that names the configuration file.</summary>
    public const string ConfigVariable = "USAGE_SCHEMA_CONFIG";

    /// <summary>The file name the CLI once looked for in the working directory; such a file is now only pointed out, never read.</summary>
    public const string LocalFileName = "usage-schema.json";

    // Strict on purpose: a misspelt setting silently ignored would send to the wrong place.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads the configuration named by <paramref name="explicitPath"/>, the environment or the user's configuration directory.</summary>
    /// <param name="explicitPath">The <c>--config</c> option; null when not given.</param>
    /// <param name="notes">Where to point out a <c>./usage-schema.json</c> that is not read; null to say nothing.</param>
    public static CliConfig Load(string? explicitPath, TextWriter? notes = null)
    {
        var named = explicitPath ?? NonEmpty(Environment.GetEnvironmentVariable(ConfigVariable));
        if (named is not null)
        {
            return File.Exists(named)
                ? Read(named)
                : throw new CliUsageException($"The configuration file {Path.GetFullPath(named)} does not exist.");
        }

        var local = Path.Combine(Directory.GetCurrentDirectory(), LocalFileName);
        if (notes is not null && File.Exists(local))
        {
            notes.WriteLine($"note: {local} is not read: the working directory is never searched for a configuration file. Name it with --config if it is yours.");
        }

        var user = UserPath();
        return File.Exists(user) ? Read(user) : CliConfig.Empty;
    }

    /// <summary>The user's configuration file: <c>$XDG_CONFIG_HOME/usage-schema/config.json</c> (default <c>~/.config</c>).</summary>
    public static string UserPath()
    {
        var configHome = NonEmpty(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME"))
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "usage-schema", "config.json");
    }

    internal static CliConfig Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            // Checked on the open handle, so the file whose owner and mode pass is the file read.
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            ConfigFileTrust.Check(stream.SafeFileHandle, fullPath);
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"The configuration file {fullPath} cannot be read: {exception.Message}", exception);
        }

        if (SecretSetting().Match(text) is { Success: true } secret)
        {
            throw new CliUsageException($"The configuration file {fullPath} has a setting \"{secret.Groups[1].Value}\": secrets are never read from the configuration file. Put the key in a file and name it with \"keyFile\", or use the environment variable.");
        }

        CliConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<CliConfig>(text, Options);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" line {line + 1}" : string.Empty;
            throw new CliUsageException($"The configuration file {fullPath}{where}: {exception.Path ?? "$"}: {FirstSentence(exception.Message)}", exception);
        }

        config ??= CliConfig.Empty;
        var directory = Path.GetDirectoryName(fullPath)!;
        if (config.Perseus?.Site is not null || config.Gateway?.Site is not null)
        {
            throw new CliUsageException($"The configuration file {fullPath}: \"site\" belongs to \"amie\" only.");
        }

        if (config.Sender is { BatchSize: <= 0 } or { LeaseSeconds: <= 0 } or { TimeoutSeconds: <= 0 } or { Retries: < 0 })
        {
            throw new CliUsageException($"The configuration file {fullPath}: sender.batchSize, sender.leaseSeconds and sender.timeoutSeconds must be positive, sender.retries not negative.");
        }

        return config with
        {
            Source = fullPath,
            Outbox = config.Outbox is { } outbox && !UsageOutbox.IsPostgres(outbox) ? Path.GetFullPath(outbox, directory) : config.Outbox,
            Amie = Anchor(config.Amie, directory),
            Perseus = Anchor(config.Perseus, directory),
            Gateway = Anchor(config.Gateway, directory),
        };
    }

    private static ServiceConfig? Anchor(ServiceConfig? service, string directory) =>
        service?.KeyFile is { } keyFile ? service with { KeyFile = Path.GetFullPath(keyFile, directory) } : service;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string FirstSentence(string message) =>
        message.IndexOf(". Path:", StringComparison.Ordinal) is var cut and > 0 ? message[..cut] : message;

    [GeneratedRegex("\"((?:api)?key|token|password|secret|apiKey|api_key)\"\\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretSetting();
}
