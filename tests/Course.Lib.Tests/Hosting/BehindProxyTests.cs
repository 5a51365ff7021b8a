using System.Text.Json;
using Course.Hosting;
using Course.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Lib.Tests.Hosting;

public class BehindProxyTests
{
    [Fact]
    public async Task BrowserThroughTheProxy_BackendSeesTheProxyAddressAndTheForwardedHeaders()
    {
        await using var site = await BehindProxy.StartAsync(_ => { }, BehindProxy.MapWhoIsCalling);

        var exchange = await HttpExchange.SendAsync(site.Proxy.CreateClientFrom("203.0.113.7"), BehindProxy.BrowserRequest());

        using var seen = JsonDocument.Parse(exchange.Body);
        Assert.Equal(BehindProxy.ProxyAddress.ToString(), seen.RootElement.GetProperty("remoteIp").GetString());
        Assert.Equal("203.0.113.7", seen.RootElement.GetProperty("xForwardedFor").GetString());
        Assert.Equal("https", seen.RootElement.GetProperty("xForwardedProto").GetString());
    }

    [Fact]
    public async Task TrustedProxy_ForwardedHeadersApplied_DirectCallerNotBelieved()
    {
        await using var site = await BehindProxy.StartAsync(
            builder => builder.Services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                options.KnownProxies.Add(BehindProxy.ProxyAddress);
            }),
            app =>
            {
                app.UseForwardedHeaders();
                BehindProxy.MapWhoIsCalling(app);
            });

        var browser = await HttpExchange.SendAsync(site.Proxy.CreateClientFrom("203.0.113.7"), BehindProxy.BrowserRequest());
        var forged = await HttpExchange.SendAsync(site.Backend.CreateClientFrom("10.0.0.9"), BehindProxy.DirectRequest("1.2.3.4", "https"));

        using var fromBrowser = JsonDocument.Parse(browser.Body);
        using var fromStranger = JsonDocument.Parse(forged.Body);
        Assert.Equal("203.0.113.7", fromBrowser.RootElement.GetProperty("remoteIp").GetString());
        Assert.Equal("https", fromBrowser.RootElement.GetProperty("scheme").GetString());
        Assert.Equal("10.0.0.9", fromStranger.RootElement.GetProperty("remoteIp").GetString());
        Assert.Equal("http", fromStranger.RootElement.GetProperty("scheme").GetString());
    }
}
