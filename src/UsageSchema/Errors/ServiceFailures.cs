using System.Globalization;
using UsageSchema.Resilience;

namespace UsageSchema.Errors;

/// <summary>
/// Turns an answer the caller cannot use into the exception for its kind of failure. Whatever of the
/// service's text goes into a message is first cleaned of control characters and terminal escapes
/// (<see cref="ServiceText"/>), then scrubbed of the key.
/// </summary>
internal static class ServiceFailures
{
    // Enough for any real error message; an HTML error page is cut rather than copied whole into logs.
    private const int MaxServiceMessageLength = 2000;

    // What an unexpected answer shows of its body: enough to recognise a login page or a proxy's error.
    private const int MaxShownBodyLength = 200;

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
            _ => Unreadable(service, response, request, "that is not an answer this operation documents", scrub),
        };
    }

    /// <summary>
    /// The exception for an answer that is not the operation's documented success: names the status,
    /// the content type and the first characters of the body, so a login page or a proxy's error is
    /// recognisable.
    /// </summary>
    public static UnexpectedResponseException Unreadable(string service, ServiceResponse response, ServiceRequestDescription request, string problem, Func<string, string> scrub, Exception? innerException = null)
    {
        var serviceMessage = response.Body.Length == 0 ? null : Message(response, scrub);
        return new UnexpectedResponseException(
            $"{service}: {request} answered {Status(response)} ({Described(response, scrub)}), but {problem}. Not counted as delivered.",
            request, response.StatusCode, serviceMessage, innerException);
    }

    /// <summary>A service's own refusal inside a success status (PERSEUS <c>"result": false</c>).</summary>
    public static ServiceRejectedException RefusedInBody(string service, ServiceResponse response, ServiceRequestDescription request, string what, Func<string, string> scrub)
    {
        var serviceMessage = Message(response, scrub);
        return new ServiceRejectedException($"{service}: {request} answered {Status(response)} with {what}: {serviceMessage}", request, response.StatusCode, serviceMessage);
    }

    /// <summary>The status code and reason phrase, e.g. <c>302 Found</c>.</summary>
    public static string Status(int statusCode, string? reasonPhrase, Func<string, string> scrub) =>
        string.IsNullOrEmpty(reasonPhrase)
            ? statusCode.ToString(CultureInfo.InvariantCulture)
            : statusCode.ToString(CultureInfo.InvariantCulture) + " " + scrub(ServiceText.Head(ServiceText.Clean(reasonPhrase), 100));

    /// <summary>Text from the service, safe to show: cleaned, scrubbed, cut.</summary>
    public static string Shown(string text, Func<string, string> scrub, int maxChars) =>
        ServiceText.Head(scrub(ServiceText.Clean(text)), maxChars);

    private static string Described(ServiceResponse response, Func<string, string> scrub)
    {
        var type = response.MediaType is null ? "no content type" : "content type " + ServiceText.Clean(response.MediaType);
        if (response.Body.Length == 0)
        {
            return type + ", empty body";
        }

        return $"{type}, {response.Body.Length.ToString(CultureInfo.InvariantCulture)} bytes, starting \"{Shown(response.BodyText(), scrub, MaxShownBodyLength)}\"";
    }

    private static string Message(ServiceResponse response, Func<string, string> scrub) =>
        Shown(ServiceErrorMessage.Extract(response.BodyText()), scrub, MaxServiceMessageLength);

    private static string Status(ServiceResponse response) => Status(response.StatusCode, response.ReasonPhrase, static text => text);
}
