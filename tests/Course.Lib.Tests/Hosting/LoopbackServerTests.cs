using System.Net;
using System.Net.Sockets;
using System.Text;
using Course.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

    [Fact]
    public async Task StartAsync_InProduction_AnswersMalformedJsonWithA400_WithoutThrowing()
    {
        var thrown = new List<Exception>();
        var api = await LoopbackServer.StartAsync(_ => { }, app => MapItems(app, thrown), "Production");
        try
        {
            var exchange = await api.SendAsync(MalformedJson());

            Assert.True(api.Services.GetRequiredService<IHostEnvironment>().IsProduction());
            Assert.True(api.App.Environment.IsProduction());
            Assert.Equal(400, exchange.Status);
            Assert.Equal("", exchange.Body);
            Assert.Empty(thrown);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_InProduction_WithUseExceptionHandler_MalformedJsonStaysA400()
    {
        var api = await LoopbackServer.StartAsync(builder => builder.Services.AddProblemDetails(), app =>
        {
            app.UseExceptionHandler();
            MapItems(app, []);
        }, "Production");
        try
        {
            var exchange = await api.SendAsync(MalformedJson());

            Assert.Equal(400, exchange.Status);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_ByDefault_RunsInDevelopment_WhereMalformedJsonThrowsBadHttpRequestException()
    {
        var thrown = new List<Exception>();
        var api = await LoopbackServer.StartAsync(_ => { }, app => MapItems(app, thrown));
        try
        {
            var exchange = await api.SendAsync(MalformedJson());

            Assert.True(api.App.Environment.IsDevelopment());
            Assert.IsType<BadHttpRequestException>(Assert.Single(thrown));
            // The developer exception page keeps a BadHttpRequestException's status, and shows the exception.
            Assert.Equal(400, exchange.Status);
            Assert.Contains("BadHttpRequestException", exchange.Body, StringComparison.Ordinal);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_InDevelopment_WithUseExceptionHandler_MalformedJsonBecomesA500()
    {
        var api = await LoopbackServer.StartAsync(builder => builder.Services.AddProblemDetails(), app =>
        {
            app.UseExceptionHandler();
            MapItems(app, []);
        }, "Development");
        try
        {
            var exchange = await api.SendAsync(MalformedJson());

            Assert.Equal(500, exchange.Status);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_EnvironmentNameChangedInConfigureBuilder_StillThrowsForMalformedJson()
    {
        // Why the environment is a parameter: the builder's IWebHostEnvironment changes, the IHostEnvironment that
        // RouteHandlerOptions.ThrowOnBadRequest reads does not.
        var thrown = new List<Exception>();
        var api = await LoopbackServer.StartAsync(builder => builder.Environment.EnvironmentName = "Production", app => MapItems(app, thrown));
        try
        {
            await api.SendAsync(MalformedJson());

            Assert.True(api.Services.GetRequiredService<IWebHostEnvironment>().IsProduction());
            Assert.True(api.Services.GetRequiredService<IHostEnvironment>().IsDevelopment());
            Assert.IsType<BadHttpRequestException>(Assert.Single(thrown));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    // POST /items, behind a middleware that records what the endpoint throws (and throws it on).
    private static void MapItems(WebApplication app, List<Exception> thrown)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e)
            {
                lock (thrown)
                {
                    thrown.Add(e);
                }
                throw;
            }
        });
        app.MapPost("/items", (Item item) => item);
    }

    private static HttpRequestMessage MalformedJson() =>
        new(HttpMethod.Post, "/items") { Content = new StringContent("{\"name\": \"pen\", ", Encoding.UTF8, "application/json") };

    public sealed record Item(string Name, double Price);
}
