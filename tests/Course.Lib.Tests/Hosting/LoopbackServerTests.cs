using System.Net;
using System.Net.Sockets;
using Course.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Course.Lib.Tests.Hosting;

public class LoopbackServerTests
{
    [Fact]
    public async Task StartAsync_ListensOnAFreeLoopbackPort_AndAnswersOverARealSocket()
    {
        var api = await LoopbackServer.StartAsync(app => app.MapGet("/hello", () => "Hello over TCP"));
        try
        {
            using var independentClient = new HttpClient();
            var body = await independentClient.GetStringAsync(new Uri(api.BaseAddress, "/hello"));
            var exchange = await api.GetAsync("/hello");

            Assert.Equal(IPAddress.Loopback.ToString(), api.BaseAddress.Host);
            Assert.InRange(api.BaseAddress.Port, 1, 65535);
            Assert.Null(api.TestServer);
            Assert.Equal("Hello over TCP", body);
            Assert.Equal("Hello over TCP", exchange.Body);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_TwoServers_GetDifferentPorts()
    {
        var first = await LoopbackServer.StartAsync(app => app.MapGet("/", () => "first"));
        var second = await LoopbackServer.StartAsync(app => app.MapGet("/", () => "second"));
        try
        {
            Assert.NotEqual(first.BaseAddress.Port, second.BaseAddress.Port);
            Assert.Equal("first", (await first.GetAsync("/")).Body);
            Assert.Equal("second", (await second.GetAsync("/")).Body);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_ByDefault_HasNoLoggingProviders()
    {
        var api = await LoopbackServer.StartAsync(app => app.MapGet("/", () => "ok"));
        try
        {
            Assert.Empty(api.Services.GetServices<ILoggerProvider>());
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task DisposeAsync_ClosesThePort()
    {
        var api = await LoopbackServer.StartAsync(app => app.MapGet("/", () => "ok"));
        var port = api.BaseAddress.Port;

        await api.DisposeAsync();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }
}
