namespace UsageSchema.Errors;

/// <summary>
/// The service refused the credentials (401 or 403): the key, token or site name is missing, wrong
/// or not allowed to do this. Every later request would fail the same way, so batch senders stop.
/// </summary>
public class ServiceAuthenticationException : ServiceRejectedException
{
    /// <summary>Creates the exception for a request whose credentials were refused.</summary>
    /// <param name="message">What went wrong, for people; never the key itself.</param>
    /// <param name="request">The request it belonged to.</param>
    /// <param name="statusCode">401 or 403.</param>
    /// <param name="serviceMessage">The message the service gave, if any.</param>
    public ServiceAuthenticationException(string message, ServiceRequestDescription? request, int statusCode, string? serviceMessage)
        : base(message, request, statusCode, serviceMessage)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public ServiceAuthenticationException()
        : this("The usage service refused the credentials.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public ServiceAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ServiceAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
