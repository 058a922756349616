namespace UsageSchema.Cli.Sending;

/// <summary>Where to reach a service and how to find its secret: never a key on the command line, only a key file or an environment variable.</summary>
/// <param name="Url">The service's base URL; null for an embedded in-memory emulator.</param>
/// <param name="KeyFile">A file holding the key or token; null to use the environment variable.</param>
/// <param name="Site">The AMIE site name (<c>XA-SITE</c>); null to use <c>USAGE_SCHEMA_AMIE_SITE</c>.</param>
public sealed record ConnectionSettings(Uri? Url, string? KeyFile, string? Site)
{
    /// <summary>How long one attempt may take before it is abandoned and retried; the clients' default when null.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>How many times a failed request is retried; the clients' default when null.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>The AMIE key, when no key file is given.</summary>
    public const string AmieKeyVariable = "USAGE_SCHEMA_AMIE_API_KEY";

    /// <summary>The AMIE site name, when <c>--site</c> is not given.</summary>
    public const string AmieSiteVariable = "USAGE_SCHEMA_AMIE_SITE";

    /// <summary>The gateway key, when no key file is given.</summary>
    public const string GatewayKeyVariable = "USAGE_SCHEMA_GATEWAY_API_KEY";

    /// <summary>The PERSEUS token, when no key file is given.</summary>
    public const string PerseusTokenVariable = "USAGE_SCHEMA_PERSEUS_TOKEN";
}
