namespace UsageSchema.Cli.Sending;

/// <summary>The three services <c>send</c> delivers to.</summary>
public enum ServiceKind
{
    /// <summary>The AMIE Usage API.</summary>
    Amie,

    /// <summary>PERSEUS UsageReporting.</summary>
    Perseus,

    /// <summary>The ACCESS Gateway Attributes API.</summary>
    Gateway,
}
