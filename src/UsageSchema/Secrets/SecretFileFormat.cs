namespace UsageSchema.Secrets;

/// <summary>How a key file holds its key.</summary>
public enum SecretFileFormat
{
    /// <summary>The whole file is the key, on one line; a single trailing newline is allowed (AMIE key, PERSEUS token).</summary>
    SingleKey = 0,

    /// <summary>
    /// A Gateway Attributes key file: a curl config line <c>header = "XA-API-Key: KEY"</c> or the legacy
    /// <c>apikey=KEY</c>, exactly one of them; blank lines, <c>#</c> comments and other curl options are ignored.
    /// </summary>
    GatewayKeyFile,
}
