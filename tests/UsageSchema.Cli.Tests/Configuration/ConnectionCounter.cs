using System.Net;
using System.Net.Sockets;

namespace UsageSchema.Cli.Tests.Configuration;

/// <summary>
/// A listener on loopback that only counts the TCP connections made to it (and closes each at once):
/// where a planted configuration points its URL, to show that nothing was ever sent there.
/// </summary>
internal sealed class ConnectionCounter : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public ConnectionCounter()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>An AMIE base URL on this listener.</summary>
    public Uri AmieUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/amie/api/v1/");

    /// <summary>A gateway base URL on this listener.</summary>
    public Uri GatewayUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/gateway/acdb/");

    /// <summary>The connections made so far, counting one still waiting to be accepted.</summary>
    public async Task<int> ConnectionsAsync()
    {
        // The client process has ended; give the accept loop a moment to see what it left in the backlog.
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        return Volatile.Read(ref _connections) + (_listener.Pending() ? 1 : 0);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's own cancellation.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            socket.Dispose();
        }
    }
}
