using System.Net;
using System.Net.Sockets;
using System.Text;

namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// An HTTP server on loopback in front of an <see cref="EmulatorProcess"/>: each request is answered by the
/// script when it returns an answer, else passed on to the emulator unchanged. For the answers the
/// emulator does not give (a 400 naming no record, a gateway page that is not job attributes).
/// </summary>
internal sealed class ScriptedProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new() { Timeout = TimeSpan.FromMinutes(1) };
    private readonly Uri _target;
    private readonly Func<string, string, string, (int Status, string Body)?> _script;
    private readonly Task _loop;
    private int _posts;

    /// <param name="target">Where requests the script does not answer go (the emulator's base address).</param>
    /// <param name="script">(method, path, body) → an answer, or null to pass the request on.</param>
    public ScriptedProxy(Uri target, Func<string, string, string, (int Status, string Body)?> script)
    {
        _target = target;
        _script = script;
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    /// <summary>POST requests seen (answered by the script or passed on).</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary>The proxy's URL for one of the emulator's service URLs (same path).</summary>
    public string UrlFor(Uri serviceUrl) => new Uri(Address, serviceUrl.AbsolutePath).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
        }

        _upstream.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        if (request.HttpMethod == "POST")
        {
            Interlocked.Increment(ref _posts);
        }

        var response = context.Response;
        try
        {
            if (_script(request.HttpMethod, request.Url!.AbsolutePath, body) is { } answer)
            {
                await WriteAsync(response, answer.Status, answer.Body.TrimStart().StartsWith('{') ? "application/json" : "text/plain", Encoding.UTF8.GetBytes(answer.Body));
                return;
            }

            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, request.Url!.PathAndQuery));
            if (body.Length > 0)
            {
                forward.Content = new StringContent(body, Encoding.UTF8);
                forward.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(request.ContentType ?? "application/json");
            }

            foreach (var name in request.Headers.AllKeys.OfType<string>().Where(name => name.StartsWith("XA-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Perseus-", StringComparison.OrdinalIgnoreCase)))
            {
                forward.Headers.TryAddWithoutValidation(name, request.Headers[name]);
            }

            using var upstream = await _upstream.SendAsync(forward);
            await WriteAsync(response, (int)upstream.StatusCode, upstream.Content.Headers.ContentType?.ToString() ?? "application/json", await upstream.Content.ReadAsByteArrayAsync());
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or HttpRequestException)
        {
            response.Abort();
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }
}
