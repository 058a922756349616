namespace UsageSchema.Secrets;

/// <summary>
/// A key or token cannot be taken from where it was configured: a key file (see
/// <see cref="GatewayAttributes.Client.ApiKeyFileException"/>) or an environment variable. The
/// message names the source and the fix; it never contains the content.
/// </summary>
public class SecretSourceException : Exception
{
    /// <summary>Creates the exception for the secret source <paramref name="source"/>.</summary>
    /// <param name="source">The file's path or the variable's name.</param>
    /// <param name="message">What is wrong and how to fix it; never the secret.</param>
    /// <param name="innerException">The I/O error, if any.</param>
    public SecretSourceException(string source, string message, Exception? innerException)
        : base(message, innerException)
    {
        Source = source;
    }

    /// <summary>Creates an exception with a default message.</summary>
    public SecretSourceException()
        : this("The key or token cannot be used.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public SecretSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SecretSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where the secret was to come from: a file's path or an environment variable's name.</summary>
    public new string? Source { get; }
}
