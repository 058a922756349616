using System.Globalization;
using UsageSchema.Resilience;

namespace UsageSchema.Errors;

/// <summary>Turns an answer the caller cannot use into the exception for its kind of failure.</summary>
internal static class ServiceFailures
{
    // Enough for any real error message; an HTML error page is cut rather than copied whole into logs.
    private const int MaxServiceMessageLength = 2000;

    /// <summary>The exception for a non-success answer: rejected (4xx), refused credentials (401, 403), unavailable (408, 429, 5xx) or unexpected (anything else).</summary>
    public static UsageServiceException FromStatus(string service, ServiceResponse response, ServiceRequestDescription request, Func<string, string> scrub, TimeProvider timeProvider)
    {
        var serviceMessage = Message(response, scrub);
        var status = Status(response);
        var text = $"{service}: {request} answered {status}: {serviceMessage}";
        return response.StatusCode switch
        {
            401 or 403 => new ServiceAuthenticationException(text + " Check the key (and, for AMIE, the site name).", request, response.StatusCode, serviceMessage),
            _ when TransientFailure.IsTransient(response.StatusCode) => new ServiceUnavailableException(
                $"{text} (after {response.Attempts.ToString(CultureInfo.InvariantCulture)} attempt(s))",
                request, response.StatusCode, serviceMessage, response.Attempts,
                RetryAfterDelay.From(response.RetryAfter, timeProvider.GetUtcNow()), innerException: null),
            >= 400 and <= 499 => new ServiceRejectedException(text, request, response.StatusCode, serviceMessage),
            _ => new UnexpectedResponseException(text, request, response.StatusCode, serviceMessage),
        };
    }

    /// <summary>The exception for an answer with the right status whose body cannot be used.</summary>
    public static UnexpectedResponseException Unreadable(string service, ServiceResponse response, ServiceRequestDescription request, string problem, Func<string, string> scrub, Exception? innerException = null)
    {
        var serviceMessage = response.Body.Length == 0 ? null : Message(response, scrub);
        var shown = serviceMessage is null ? string.Empty : " Body: " + serviceMessage;
        return new UnexpectedResponseException($"{service}: {request} answered {Status(response)}, but {problem}.{shown}", request, response.StatusCode, serviceMessage, innerException);
    }

    private static string Message(ServiceResponse response, Func<string, string> scrub)
    {
        var message = scrub(ServiceErrorMessage.Extract(response.BodyText()));
        return message.Length <= MaxServiceMessageLength ? message : message[..MaxServiceMessageLength] + "…";
    }

    private static string Status(ServiceResponse response) =>
        string.IsNullOrEmpty(response.ReasonPhrase)
            ? response.StatusCode.ToString(CultureInfo.InvariantCulture)
            : response.StatusCode.ToString(CultureInfo.InvariantCulture) + " " + response.ReasonPhrase;
}
