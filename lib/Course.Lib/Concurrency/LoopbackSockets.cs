using System.Net;
using System.Net.Sockets;

namespace Course.Concurrency;

/// <summary>Two connected TCP sockets on loopback, for cells that need a read that waits for the other end.</summary>
/// <example>
/// <code>
/// var (reading, writing) = LoopbackSockets.Pair();
/// var read = reading.ReceiveAsync(new byte[16]);   // waits: nothing was sent yet
/// writing.Send("hello"u8);
/// </code>
/// </example>
public static class LoopbackSockets
{
    /// <summary>Connects two TCP sockets on 127.0.0.1; dispose both when done.</summary>
    public static (Socket Reading, Socket Writing) Pair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var writing = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            writing.Connect(listener.LocalEndPoint!);
            return (listener.Accept(), writing);
        }
        catch
        {
            writing.Dispose();
            throw;
        }
    }
}
