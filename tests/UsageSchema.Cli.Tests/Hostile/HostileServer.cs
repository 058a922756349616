using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace UsageSchema.Cli.Tests.Hostile;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 that answers from a script, as a hostile or broken network
/// would: redirects, login pages, empty or endless bodies. It speaks raw HTTP over a socket (no
/// framework that would tidy the answers up), closes every connection after one answer, and records
/// what reached it: connections, each request's headers and body, and the bytes it wrote.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private static readonly byte[] EndlessChunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<HostileRequest, HostileAnswer> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<HostileRequest> _requests = new();
    private readonly Task _accepting;
    private int _connections;
    private long _bytesWritten;

    private HostileServer(Func<HostileRequest, HostileAnswer> script)
    {
        _script = script;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");
        _accepting = AcceptAsync();
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>How many TCP connections were accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every request read, in arrival order.</summary>
    public IReadOnlyList<HostileRequest> Requests => [.. _requests];

    /// <summary>Bytes written to clients, headers and bodies.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Starts a server that answers every request with <paramref name="script"/>.</summary>
    public static HostileServer Start(Func<HostileRequest, HostileAnswer> script) => new(script);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                if (request is null)
                {
                    return;
                }

                _requests.Enqueue(request);
                await WriteAsync(stream, _script(request));
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (as it should, in the middle of an endless body).
            }
        }
    }

    private async Task<HostileRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Count > MaxHeaderBytes || await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, _stop.Token);
        return new HostileRequest(requestLine[0], requestLine[1], headers, body);
    }

    private async Task WriteAsync(NetworkStream stream, HostileAnswer answer)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {answer.Status} {answer.Reason}\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in answer.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        if (answer.ContentType is { } type)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {type}\r\n");
        }

        // An endless body has no length (it lasts until the connection closes, which this server never does first),
        // unless the answer announces one it will not keep to.
        if (answer.AnnouncedLength is { } announced)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {announced}\r\n");
        }
        else if (!answer.Endless)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {answer.Body.Length}\r\n");
        }

        await WriteCountedAsync(stream, Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        if (answer.TrickleEvery is { } pause)
        {
            // Slow-loris: the body's bytes one at a time, each after a pause, forever.
            while (!_stop.IsCancellationRequested)
            {
                await WriteCountedAsync(stream, "["u8.ToArray());
                await Task.Delay(pause, _stop.Token);
            }

            return;
        }

        if (!answer.Endless)
        {
            await WriteCountedAsync(stream, answer.Body);
            return;
        }

        while (!_stop.IsCancellationRequested)
        {
            await WriteCountedAsync(stream, EndlessChunk);
        }
    }

    private async Task WriteCountedAsync(NetworkStream stream, byte[] bytes)
    {
        await stream.WriteAsync(bytes, _stop.Token);
        Interlocked.Add(ref _bytesWritten, bytes.Length);
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';
}

/// <summary>A request as it reached the server.</summary>
internal sealed record HostileRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Every header line and the body, to search for a key.</summary>
    public string Everything => string.Join("\n", Headers.Select(header => header.Key + ": " + header.Value)) + "\n" + BodyText;
}

/// <summary>One scripted answer.</summary>
internal sealed record HostileAnswer(int Status, string Reason, string? ContentType, byte[] Body, bool Endless = false)
{
    public List<(string Name, string Value)> Headers { get; init; } = [];

    /// <summary>A <c>Content-Length</c> to announce instead of the body's real length.</summary>
    public long? AnnouncedLength { get; init; }

    /// <summary>Send the body one byte at a time with this pause between bytes, never ending (slow-loris).</summary>
    public TimeSpan? TrickleEvery { get; init; }

    public static HostileAnswer Text(int status, string reason, string contentType, string body) => new(status, reason, contentType, Encoding.UTF8.GetBytes(body));

    public static HostileAnswer Redirect(int status, string location) =>
        new(status, status == 302 ? "Found" : status == 307 ? "Temporary Redirect" : "Redirect", "text/html", Encoding.UTF8.GetBytes("<a href=\"" + location + "\">moved</a>"))
        {
            Headers = [("Location", location)],
        };

    public static HostileAnswer EndlessBody(string contentType) => new(200, "OK", contentType, [], Endless: true);

    /// <summary>A 200 that announces <c>Content-Length: 2^40</c> (a terabyte) and then sends without end.</summary>
    public static HostileAnswer HugeContentLength(string contentType) => new(200, "OK", contentType, [], Endless: true) { AnnouncedLength = 1L << 40 };

    /// <summary>A 200 whose body arrives one byte every <paramref name="pause"/>, forever.</summary>
    public static HostileAnswer Trickle(string contentType, TimeSpan pause) => new(200, "OK", contentType, [], Endless: true) { TrickleEvery = pause };
}
