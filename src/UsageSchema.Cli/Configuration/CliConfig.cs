namespace UsageSchema.Cli.Configuration;

/// <summary>
/// The configuration file (<c>usage-schema.json</c>): where the services and the outbox are, and where
/// their secrets live. It never holds a secret itself, only paths to key files.
/// </summary>
internal sealed record CliConfig
{
    /// <summary>The empty configuration: every setting from options, the environment or defaults.</summary>
    public static CliConfig Empty { get; } = new();

    /// <summary>The outbox: a SQLite file path or a PostgreSQL connection (see the CLI README).</summary>
    public string? Outbox { get; init; }

    /// <summary>The AMIE Usage API.</summary>
    public ServiceConfig? Amie { get; init; }

    /// <summary>PERSEUS UsageReporting.</summary>
    public ServiceConfig? Perseus { get; init; }

    /// <summary>The Gateway Attributes API.</summary>
    public ServiceConfig? Gateway { get; init; }

    /// <summary>How the outbox is drained.</summary>
    public SenderConfig? Sender { get; init; }

    /// <summary>The file this configuration was read from; null for <see cref="Empty"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Source { get; init; }
}

/// <summary>One service in the configuration file.</summary>
internal sealed record ServiceConfig
{
    /// <summary>The base URL.</summary>
    public string? Url { get; init; }

    /// <summary>A file holding the API key or token (relative paths are relative to the configuration file).</summary>
    public string? KeyFile { get; init; }

    /// <summary>AMIE only: the site name (<c>XA-SITE</c>).</summary>
    public string? Site { get; init; }
}

/// <summary>How the outbox is drained.</summary>
internal sealed record SenderConfig
{
    /// <summary>Entries claimed at a time.</summary>
    public int? BatchSize { get; init; }

    /// <summary>How long a claim holds, in seconds.</summary>
    public int? LeaseSeconds { get; init; }

    /// <summary>How long one HTTP attempt may take, in seconds.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>How many times a failed request is retried.</summary>
    public int? Retries { get; init; }
}
