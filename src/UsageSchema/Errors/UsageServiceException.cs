namespace UsageSchema.Errors;

/// <summary>
/// A call to one of the usage services failed. The subclasses say how; every one carries the status
/// code, the message the service gave, and a description of the request (never its headers, which
/// carry the keys).
/// </summary>
public class UsageServiceException : Exception
{
    /// <summary>Creates the exception for a failed request.</summary>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="request">The request it belonged to.</param>
    /// <param name="statusCode">The HTTP status code, if a response arrived.</param>
    /// <param name="serviceMessage">The message the service gave, if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public UsageServiceException(string message, ServiceRequestDescription? request, int? statusCode, string? serviceMessage, Exception? innerException = null)
        : base(message, innerException)
    {
        Request = request;
        StatusCode = statusCode;
        ServiceMessage = serviceMessage;
    }

    /// <summary>Creates an exception with a default message.</summary>
    public UsageServiceException()
        : this("A call to a usage service failed.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public UsageServiceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UsageServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status code of the response; null when none arrived (network failure, timeout).</summary>
    public int? StatusCode { get; }

    /// <summary>
    /// The service's own message, read from <c>error</c>, <c>detail</c>, <c>message</c> or
    /// <c>errors</c> of a JSON body, or the body's text (see <see cref="ServiceErrorMessage.Extract"/>).
    /// </summary>
    public string? ServiceMessage { get; }

    /// <summary>The request that failed: method, path and size; never headers.</summary>
    public ServiceRequestDescription? Request { get; }
}
