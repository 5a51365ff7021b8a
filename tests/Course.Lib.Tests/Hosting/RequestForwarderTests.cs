using System.Net;
using System.Text;
using Course.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Lib.Tests.Hosting;

public class RequestForwarderTests
{
    [Fact]
    public async Task ForwardAsync_PostWithBodyAndQuery_ReachesTheBackendUnchanged()
    {
        await using var backend = await InMemoryServer.StartAsync(app => app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await context.Response.WriteAsync($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} {context.Request.ContentType} {body}");
        }));
        await using var proxy = await StartProxyAsync(backend, addForwardedHeaders: true);

        var request = new HttpRequestMessage(HttpMethod.Post, "/orders?draft=true") { Content = new StringContent("{\"item\":7}", Encoding.UTF8, "application/json") };
        var exchange = await proxy.SendAsync(request);

        Assert.Equal(200, exchange.Status);
        Assert.Equal("POST /orders?draft=true application/json; charset=utf-8 {\"item\":7}", exchange.Body);
    }

    [Fact]
    public async Task ForwardAsync_DestinationWithPath_KeepsItAsPrefix()
    {
        await using var backend = await InMemoryServer.StartAsync(app => app.Run(context => context.Response.WriteAsync($"{context.Request.Path}{context.Request.QueryString}")));
        await using var proxy = await InMemoryServer.StartAsync(app =>
            app.Run(context => RequestForwarder.ForwardAsync(context, backend.Client, new Uri(backend.BaseAddress, "/api/"))));

        var exchange = await proxy.GetAsync("/orders/7?page=2");

        Assert.Equal("/api/orders/7?page=2", exchange.Body);
    }

    [Fact]
    public async Task ForwardAsync_WithForwardedHeaders_AppendsTheCallerToForwardedForAndSendsSchemeAndHost()
    {
        await using var backend = await StartHeaderEchoAsync();
        await using var proxy = await StartProxyAsync(backend, addForwardedHeaders: true);
        using var client = proxy.CreateClientFrom("203.0.113.7");

        var request = new HttpRequestMessage(HttpMethod.Get, "https://shop.example/");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        var response = await client.SendAsync(request);

        Assert.Equal("for=6.6.6.6, 203.0.113.7 proto=https host=shop.example", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ForwardAsync_WithoutForwardedHeaders_AddsNone()
    {
        await using var backend = await StartHeaderEchoAsync();
        await using var proxy = await StartProxyAsync(backend, addForwardedHeaders: false);

        var exchange = await proxy.GetAsync("/");

        Assert.Equal("for= proto= host=", exchange.Body);
    }

    [Fact]
    public async Task ForwardAsync_BackendAnswers404_CopiesStatusHeadersAndBody()
    {
        await using var backend = await InMemoryServer.StartAsync(app => app.Run(async context =>
        {
            context.Response.StatusCode = 404;
            context.Response.Headers["X-Backend"] = "orders-1";
            await context.Response.WriteAsync("no such order");
        }));
        await using var proxy = await StartProxyAsync(backend, addForwardedHeaders: true);

        var exchange = await proxy.GetAsync("/orders/99");

        Assert.Equal(404, exchange.Status);
        Assert.Equal("orders-1", exchange.Header("X-Backend"));
        Assert.Equal("no such order", exchange.Body);
    }

    [Fact]
    public async Task ForwardAsync_UnreachableDestination_Answers502BadGateway()
    {
        using var unreachable = new HttpMessageInvoker(new FailingHandler());
        await using var proxy = await InMemoryServer.StartAsync(app =>
            app.Run(context => RequestForwarder.ForwardAsync(context, unreachable, new Uri("http://backend.invalid/"))));

        var exchange = await proxy.GetAsync("/");

        Assert.Equal(502, exchange.Status);
        Assert.Contains("backend.invalid", exchange.Body);
    }

    private static Task<RunningApp> StartHeaderEchoAsync() =>
        InMemoryServer.StartAsync(app => app.Run(context => context.Response.WriteAsync(
            $"for={context.Request.Headers["X-Forwarded-For"]} proto={context.Request.Headers["X-Forwarded-Proto"]} host={context.Request.Headers["X-Forwarded-Host"]}")));

    private static Task<RunningApp> StartProxyAsync(RunningApp backend, bool addForwardedHeaders) =>
        InMemoryServer.StartAsync(app => app.Run(context =>
            RequestForwarder.ForwardAsync(context, backend.Client, backend.BaseAddress, addForwardedHeaders)));

    private sealed class FailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused", null, HttpStatusCode.ServiceUnavailable);
    }
}
