using UsageSchema.Wire;

namespace UsageSchema.Resilience;

/// <summary>Puts on a request the security headers its operation's spec requires, each with the value its client holds.</summary>
internal static class SecurityHeaders
{
    /// <summary>Adds every header of <see cref="SpecOperation.SecurityHeaders"/>, with the value <paramref name="valueOf"/> gives for its name.</summary>
    /// <exception cref="InvalidOperationException">The spec requires a header the client has no value for: the spec and the client disagree.</exception>
    public static void Add(HttpRequestMessage request, SpecOperation operation, Func<string, string?> valueOf)
    {
        foreach (var header in operation.SecurityHeaders)
        {
            var value = valueOf(header)
                ?? throw new InvalidOperationException($"The spec requires the header '{header}' on {operation}, and this client has no value for it.");
            request.Headers.TryAddWithoutValidation(header, value);
        }
    }
}
