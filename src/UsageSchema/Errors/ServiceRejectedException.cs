namespace UsageSchema.Errors;

/// <summary>
/// The service refused the request with a 4xx status that retrying cannot fix (every 4xx except
/// 408 and 429): the request or its records are wrong, or the caller may not make it.
/// </summary>
public class ServiceRejectedException : UsageServiceException
{
    /// <summary>Creates the exception for a rejected request.</summary>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="request">The request it belonged to.</param>
    /// <param name="statusCode">The 4xx status code.</param>
    /// <param name="serviceMessage">The message the service gave, if any.</param>
    public ServiceRejectedException(string message, ServiceRequestDescription? request, int statusCode, string? serviceMessage)
        : base(message, request, statusCode, serviceMessage)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public ServiceRejectedException()
        : this("The usage service rejected the request.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public ServiceRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ServiceRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
