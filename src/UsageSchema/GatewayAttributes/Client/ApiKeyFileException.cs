using UsageSchema.Secrets;

namespace UsageSchema.GatewayAttributes.Client;

/// <summary>
/// A key file of any of the three services cannot be used: it is missing, unreadable, not the user's
/// own, open to others, or does not hold exactly one key (see <see cref="SecretReader"/>).
/// </summary>
public sealed class ApiKeyFileException : SecretSourceException
{
    /// <summary>Creates the exception for the key file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="message">What is wrong and how to fix it; never the key.</param>
    /// <param name="innerException">The I/O error, if any.</param>
    public ApiKeyFileException(string path, string message, Exception? innerException)
        : base(path, message, innerException)
    {
        FilePath = path;
    }

    /// <summary>Creates an exception with a default message.</summary>
    public ApiKeyFileException()
        : this("The API key file cannot be used.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public ApiKeyFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ApiKeyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The key file.</summary>
    public string? FilePath { get; }
}
