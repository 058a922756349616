namespace UsageSchema.Resilience;

/// <summary>
/// The transport the clients expect: automatic redirects off. .NET strips only <c>Authorization</c>
/// when it follows a redirect, so <c>XA-API-KEY</c>, <c>XA-SITE</c>, <c>XA-API-Key</c> and
/// <c>Perseus-Token</c> (and, on 307/308, the records) would go to whatever address a <c>Location</c>
/// names. With redirects off, a 3xx reaches the client, which fails the call with
/// <see cref="Errors.UnexpectedResponseException"/> naming the <c>Location</c>.
/// </summary>
/// <remarks>
/// The DI registrations apply <see cref="DisableRedirects"/> to their primary handler by themselves.
/// Give an <see cref="HttpClient"/> you build yourself a handler from <see cref="Create"/>; a client
/// that follows redirects anyway is caught afterwards (its answer is not counted), but by then the
/// key has gone along.
/// </remarks>
public static class UsageHttpHandler
{
    /// <summary>A <see cref="SocketsHttpHandler"/> that does not follow redirects.</summary>
    public static SocketsHttpHandler Create() => new() { AllowAutoRedirect = false };

    /// <summary>Switches automatic redirects off on <paramref name="handler"/>, if it is a handler that has them.</summary>
    /// <param name="handler">A primary handler.</param>
    public static void DisableRedirects(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }
}
