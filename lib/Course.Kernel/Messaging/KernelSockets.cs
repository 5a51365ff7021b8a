using Course.Kernel.Protocol;
using Microsoft.Extensions.Logging;
using NetMQ;
using NetMQ.Sockets;

namespace Course.Kernel.Messaging;

/// <summary>
/// The kernel's five ZeroMQ sockets. NetMQ sockets are not thread-safe, so each is used only by the thread
/// that owns it: heartbeat, shell, control and iopub each have a dedicated thread (not the thread pool, so a
/// cell that starves the pool cannot stall them); other threads publish on iopub through a queue that the
/// iopub thread drains. Shell and control requests are handled on their own thread, in arrival order.
/// </summary>
internal sealed class KernelSockets : IDisposable
{
    private readonly ConnectionInfo _connection;
    private readonly MessageSigner _signer;
    private readonly SeenSignatures _seen = new();
    private readonly ILogger _logger;
    private readonly NetMQQueue<List<byte[]>> _iopubQueue = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Thread> _threads = [];
    private NetMQPoller? _iopubPoller;

    public KernelSockets(ConnectionInfo connection, ILogger logger)
    {
        _connection = connection;
        _signer = new MessageSigner(connection.Key, connection.SignatureScheme);
        _logger = logger;
    }

    /// <summary>Cancelled when the kernel stops.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Binds every socket and starts their threads. <paramref name="onShell"/> and <paramref name="onControl"/> run on
    /// the shell and control threads with a function that replies on that same socket.
    /// </summary>
    public void Start(Action<JupyterMessage, Action<JupyterMessage>, Func<JupyterMessage?>> onShell, Action<JupyterMessage, Action<JupyterMessage>> onControl)
    {
        var iopub = new PublisherSocket();
        iopub.Bind(_connection.Endpoint(_connection.IOPubPort));
        _iopubQueue.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var frames, TimeSpan.Zero))
            {
                iopub.SendMultipartBytes(frames);
            }
        };
        _iopubPoller = [_iopubQueue];
        StartThread("iopub", () =>
        {
            _iopubPoller.Run();
            iopub.Dispose();
        });

        StartRouter("shell", _connection.ShellPort, (router, message) =>
            onShell(message, reply => router.SendMultipartBytes(WireFormat.ToFrames(reply, _signer)), () => TryReceiveNow(router)));
        StartRouter("control", _connection.ControlPort, (router, message) =>
            onControl(message, reply => router.SendMultipartBytes(WireFormat.ToFrames(reply, _signer))));
        StartRouter("stdin", _connection.StdinPort, (_, message) => _logger.LogDebug("Ignored {Type} on stdin", message.Type));

        StartThread("heartbeat", () =>
        {
            using var heartbeat = new ResponseSocket();
            heartbeat.Bind(_connection.Endpoint(_connection.HeartbeatPort));
            var frames = new List<byte[]>();
            while (!_stopping.IsCancellationRequested)
            {
                if (heartbeat.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(200), ref frames))
                {
                    heartbeat.SendMultipartBytes(frames); // the heartbeat echoes what it receives
                }
            }
        });
    }

    /// <summary>Publishes on iopub, from any thread.</summary>
    public void Publish(JupyterMessage message) => _iopubQueue.Enqueue(WireFormat.ToFrames(message, _signer));

    /// <summary>Stops every thread and closes the sockets (after the queued iopub messages are sent).</summary>
    public void Stop()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        _stopping.Cancel();
        Thread.Sleep(100); // lets the iopub thread send what was queued last (the final status: idle)
        _iopubPoller?.Stop();
    }

    /// <summary>Waits until every socket thread has ended.</summary>
    public void Join()
    {
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    public void Dispose()
    {
        Stop();
        _iopubPoller?.Dispose();
        _iopubQueue.Dispose();
        _stopping.Dispose();
    }

    private void StartRouter(string name, int port, Action<RouterSocket, JupyterMessage> handle) => StartThread(name, () =>
    {
        using var router = new RouterSocket();
        router.Bind(_connection.Endpoint(port));
        while (!_stopping.IsCancellationRequested)
        {
            if (TryReceive(router, TimeSpan.FromMilliseconds(200)) is { } message)
            {
                try
                {
                    handle(router, message);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Handling {Type} on {Channel} failed", message.Type, name);
                }
            }
        }
    });

    private JupyterMessage? TryReceiveNow(RouterSocket router) => TryReceive(router, TimeSpan.Zero);

    private JupyterMessage? TryReceive(RouterSocket router, TimeSpan timeout)
    {
        var frames = new List<byte[]>();
        if (!router.TryReceiveMultipartBytes(timeout, ref frames))
        {
            return null;
        }
        if (WireFormat.TryParse(frames, _signer, out var message, out var problem, _seen))
        {
            return message;
        }
        _logger.LogWarning("Ignored a message: {Problem}", problem);
        return null;
    }

    private void StartThread(string name, Action run)
    {
        var thread = new Thread(() =>
        {
            try
            {
                run();
            }
            catch (Exception e) when (_stopping.IsCancellationRequested)
            {
                _logger.LogDebug(e, "The {Channel} thread ended while stopping", name);
            }
        })
        { IsBackground = true, Name = "kernel " + name };
        _threads.Add(thread);
        thread.Start();
    }
}
