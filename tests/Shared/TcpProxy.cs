using System.Net;
using System.Net.Sockets;

namespace HikubePortal.Testing;

/// <summary>
/// A loopback TCP proxy to a real server (radosgw, kube-apiserver, PostgreSQL) that a test can cut (connections
/// dropped, new ones refused), hang (connections accepted and read, never answered: a paused server) and restore on the
/// same port: an outage as a client sees it, every byte from the real server, without stopping the shared server other
/// tests use.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();
    // Cancelled when the proxy hangs: open pipes stop forwarding and their client side is held.
    private CancellationTokenSource _flow = new();
    private bool _hung;

    public TcpProxy(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>Drops every connection and refuses new ones.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            _hung = false;
            _cut.Cancel();
            _flow.Cancel();
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>
    /// Answers nothing any more, as a paused server: open connections stop forwarding, new ones are accepted and read;
    /// all are held open until <see cref="Restore"/> or <see cref="Cut"/>.
    /// </summary>
    public void Hang()
    {
        lock (_gate)
        {
            _hung = true;
            _flow.Cancel();
        }
    }

    /// <summary>Forwards again: after a cut, accepts connections again; after a hang, drops the held ones.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            if (_hung)
            {
                // A resumed server answers on new connections; the held ones are dropped (their requests are long given up).
                _hung = false;
                _cut.Cancel();
                _cut.Dispose();
                _cut = new CancellationTokenSource();
                _flow.Dispose();
                _flow = new CancellationTokenSource();
                _listener?.Stop();
                _listener = null;
            }

            if (_listener is not null)
            {
                return;
            }

            _cut.Dispose();
            _cut = new CancellationTokenSource();
            _flow.Dispose();
            _flow = new CancellationTokenSource();
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener, _cut.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _cut.Dispose();
        _flow.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cut)
    {
        while (!cut.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(cut);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            CancellationToken flow;
            lock (_gate)
            {
                _open.Add(inbound);
                flow = _hung ? new CancellationToken(canceled: true) : _flow.Token;
            }

            _ = PipeAsync(inbound, flow, cut);
        }
    }

    private async Task PipeAsync(TcpClient inbound, CancellationToken flow, CancellationToken cut)
    {
        var outbound = new TcpClient();
        lock (_gate)
        {
            _open.Add(outbound);
        }

        try
        {
            if (!flow.IsCancellationRequested)
            {
                await outbound.ConnectAsync(_target, flow);
                var a = inbound.GetStream();
                var b = outbound.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, flow), b.CopyToAsync(a, flow));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // hung, cut, or one side closed
        }

        outbound.Dispose();
        try
        {
            if (flow.IsCancellationRequested && !cut.IsCancellationRequested)
            {
                await HoldAsync(inbound, cut);
            }
        }
        finally
        {
            inbound.Dispose();
            lock (_gate)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
        }
    }

    /// <summary>Reads what the client sends and answers nothing, until the client leaves or the hang ends.</summary>
    private static async Task HoldAsync(TcpClient inbound, CancellationToken cut)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var stream = inbound.GetStream();
            while (await stream.ReadAsync(buffer, cut) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // the hang ended, or the client gave up
        }
    }
}
