namespace UsageSchema.Errors;

/// <summary>
/// The service's answer was longer than the client's limit (<c>MaxResponseBytes</c> of the client's
/// options), so reading stopped there. Not retried: the same request would bring the same answer
/// and download it again. Whether the request took effect is unknown.
/// </summary>
public sealed class ResponseTooLargeException : UnexpectedResponseException
{
    /// <summary>Creates the exception for an answer cut off at <paramref name="limitBytes"/>.</summary>
    /// <param name="message">What came back, for people.</param>
    /// <param name="request">The request it belonged to.</param>
    /// <param name="statusCode">The status code of the answer.</param>
    /// <param name="limitBytes">The limit the body went past.</param>
    public ResponseTooLargeException(string message, ServiceRequestDescription? request, int? statusCode, long limitBytes)
        : base(message, request, statusCode, serviceMessage: null)
    {
        LimitBytes = limitBytes;
    }

    /// <summary>Creates an exception with a default message.</summary>
    public ResponseTooLargeException()
        : this("The usage service's answer is larger than the client reads.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The most bytes of a body the client reads; the answer had more.</summary>
    public long LimitBytes { get; }
}
