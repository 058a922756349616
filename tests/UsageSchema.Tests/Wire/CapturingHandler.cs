using System.Net;
using System.Text;

namespace UsageSchema.Tests.Wire;

/// <summary>Records each request, with its body read as sent, and answers with a fixed response.</summary>
internal sealed class CapturingHandler(HttpStatusCode status, string responseBody, string responseMediaType) : HttpMessageHandler
{
    public List<CapturedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Add(new CapturedRequest(request.Method, request.RequestUri!, request.Headers.Accept.ToString(), request.Content?.Headers.ContentType?.ToString(), body));
        return new HttpResponseMessage(status) { Content = new StringContent(responseBody, Encoding.UTF8, responseMediaType) };
    }
}

internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, string Accept, string? ContentType, byte[]? Body)
{
    public string BodyText => Body is null ? string.Empty : Encoding.UTF8.GetString(Body);
}
