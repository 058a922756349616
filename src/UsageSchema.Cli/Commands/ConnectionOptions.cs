using System.CommandLine;
using UsageSchema.Cli.Sending;

namespace UsageSchema.Cli.Commands;

/// <summary>Where a service is and how to find its secret. There is deliberately no option that takes a key itself.</summary>
internal sealed class ConnectionOptions(bool amie)
{
    public Option<string?> Url { get; } = new("--url") { Description = "The service's base URL. Without it, an embedded in-memory emulator is started for this command." };

    public Option<string?> KeyFile { get; } = new("--key-file") { Description = "A file holding the API key or token. Without it: USAGE_SCHEMA_AMIE_API_KEY, USAGE_SCHEMA_GATEWAY_API_KEY or USAGE_SCHEMA_PERSEUS_TOKEN." };

    public Option<string?> Site { get; } = new("--site") { Description = "AMIE: the site name (XA-SITE). Without it: USAGE_SCHEMA_AMIE_SITE." };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(KeyFile);
        if (amie)
        {
            command.Options.Add(Site);
        }
    }

    public ConnectionSettings Settings(ParseResult parse)
    {
        Uri? url = null;
        if (parse.GetValue(Url) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            throw new CliUsageException($"--url '{text}' is not an absolute http(s) URL.");
        }

        return new(url, parse.GetValue(KeyFile), amie ? parse.GetValue(Site) : null);
    }
}
