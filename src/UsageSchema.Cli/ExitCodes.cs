namespace UsageSchema.Cli;

/// <summary>The process exit codes of <c>usage-schema</c>.</summary>
public static class ExitCodes
{
    /// <summary>Everything read was valid and, for <c>send</c>, accepted.</summary>
    public const int Success = 0;

    /// <summary>Some records were invalid (unreadable, breaking the spec, or rejected by the service); the valid ones were still processed.</summary>
    public const int InvalidRecords = 2;

    /// <summary>A service failed: unreachable after retries, refused the credentials, or answered something unreadable.</summary>
    public const int ServiceError = 3;

    /// <summary>The command line was wrong: unknown option, missing file, missing credentials (as in BSD <c>EX_USAGE</c>).</summary>
    public const int UsageError = 64;
}
