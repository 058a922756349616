namespace UsageSchema.Errors;

/// <summary>
/// The service could not be reached or kept failing after every retry: a network error, a timeout,
/// 408, 429 or a 5xx. Nothing is known to be wrong with the request; sending it again later may work.
/// </summary>
public class ServiceUnavailableException : UsageServiceException
{
    /// <summary>Creates the exception for a request that failed transiently on every attempt.</summary>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="request">The request it belonged to.</param>
    /// <param name="statusCode">The last status code, or null when the last attempt got no response.</param>
    /// <param name="serviceMessage">The message the service gave, if any.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="retryAfter">How long the service last asked the caller to wait, if it did.</param>
    /// <param name="innerException">The last attempt's exception, if it had one.</param>
    public ServiceUnavailableException(string message, ServiceRequestDescription? request, int? statusCode, string? serviceMessage, int attempts, TimeSpan? retryAfter, Exception? innerException)
        : base(message, request, statusCode, serviceMessage, innerException)
    {
        Attempts = attempts;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates an exception with a default message.</summary>
    public ServiceUnavailableException()
        : this("The usage service is unavailable.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public ServiceUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ServiceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; }

    /// <summary>The wait the service last asked for with <c>Retry-After</c>, if any: when to try again.</summary>
    public TimeSpan? RetryAfter { get; }
}
