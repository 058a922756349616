using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// A stub transport: records every request exactly as the client built it (headers and body bytes)
/// and answers from a script, one step per request; when the script runs out, the fallback answers.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> _fallback;
    private readonly object _gate = new();

    public ScriptedHandler(Func<SeenRequest, HttpResponseMessage>? fallback = null)
    {
        var answer = fallback ?? (_ => Respond(HttpStatusCode.OK, "{\"Message\":\"ok\",\"ValidationFailedRecords\":[]}"));
        _fallback = (request, _) => Task.FromResult(answer(request));
    }

    public List<SeenRequest> Requests { get; } = [];

    public ScriptedHandler Then(Func<SeenRequest, HttpResponseMessage> step)
    {
        _script.Enqueue((request, _) => Task.FromResult(step(request)));
        return this;
    }

    public ScriptedHandler Then(HttpStatusCode status, string body = "", string mediaType = "application/json") =>
        Then(_ => Respond(status, body, mediaType));

    public ScriptedHandler ThenThrow(Exception exception)
    {
        _script.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>An attempt that never answers: only cancellation (a timeout) ends it.</summary>
    public ScriptedHandler ThenHang()
    {
        _script.Enqueue(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public static HttpResponseMessage Respond(HttpStatusCode status, string body = "", string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Select(header => (header.Key, string.Join(",", header.Value))).ToList();
        var seen = new SeenRequest(request.Method.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body);
        Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> step;
        lock (_gate)
        {
            Requests.Add(seen);
            step = _script.Count > 0 ? _script.Dequeue() : _fallback;
        }

        return await step(seen, cancellationToken);
    }
}

/// <summary>A request as the client built it.</summary>
internal sealed record SeenRequest(string Method, Uri Uri, List<(string Name, string Value)> Headers, string? ContentType, byte[]? Body)
{
    public string BodyText => Body is null ? string.Empty : Encoding.UTF8.GetString(Body);

    /// <summary>Headers as "Name: value" lines, in the order they were added.</summary>
    public string HeaderLines => string.Join("\n", Headers.Select(header => $"{header.Name}: {header.Value}"));

    public string? Header(string name) =>
        Headers.Where(header => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).FirstOrDefault();
}

internal static class ResponseExtensions
{
    public static HttpResponseMessage WithRetryAfter(this HttpResponseMessage response, RetryConditionHeaderValue value)
    {
        response.Headers.RetryAfter = value;
        return response;
    }
}
