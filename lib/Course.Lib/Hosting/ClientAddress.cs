using System.Net;

namespace Course.Hosting;

/// <summary>
/// Clients whose requests an in-memory app sees as coming from a given IP address. Over a real socket
/// the server learns the caller's address from the connection; in memory there is no connection, so
/// the test server lets us say where the request "came from" — enough to play a client on the
/// internet, a reverse proxy, or an attacker.
/// </summary>
public static class ClientAddress
{
    /// <summary>
    /// A client for <paramref name="app"/> whose requests arrive with <c>HttpContext.Connection.RemoteIpAddress</c>
    /// set to <paramref name="address"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The app runs on Kestrel, where the address is the real one.</exception>
    public static HttpClient CreateClientFrom(this RunningApp app, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(address);
        var server = app.TestServer ?? throw new InvalidOperationException(
            "Only an app on the in-memory server can pretend a request came from another address; on Kestrel the address is the socket's.");
        var handler = server.CreateHandler(context => context.Connection.RemoteIpAddress = address);
        return new HttpClient(handler) { BaseAddress = app.BaseAddress };
    }

    /// <summary>A client for <paramref name="app"/> whose requests come from <paramref name="address"/>, for example <c>"203.0.113.7"</c>.</summary>
    public static HttpClient CreateClientFrom(this RunningApp app, string address) => CreateClientFrom(app, IPAddress.Parse(address));
}
