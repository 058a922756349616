namespace UsageSchema.Errors;

/// <summary>
/// The service answered, but not with the operation's documented success: a 2xx other than the one
/// the operation expects, a redirect (3xx, never followed; the message names the <c>Location</c>), or
/// a body that is empty, not JSON, truncated, JSON of the wrong shape, or longer than the client reads
/// (<see cref="ResponseTooLargeException"/>). Nothing is counted as delivered; whether the request
/// took effect is unknown. Not retried by the clients.
/// </summary>
public class UnexpectedResponseException : UsageServiceException
{
    /// <summary>Creates the exception for an unreadable answer.</summary>
    /// <param name="message">What was wrong with the answer, for people.</param>
    /// <param name="request">The request it belonged to.</param>
    /// <param name="statusCode">The status code of the answer.</param>
    /// <param name="serviceMessage">The body's text or message, if any.</param>
    /// <param name="innerException">The parser's exception, if one was thrown.</param>
    public UnexpectedResponseException(string message, ServiceRequestDescription? request, int? statusCode, string? serviceMessage, Exception? innerException = null)
        : base(message, request, statusCode, serviceMessage, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public UnexpectedResponseException()
        : this("The usage service gave an answer the client cannot read.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public UnexpectedResponseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnexpectedResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
