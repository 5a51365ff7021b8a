using System.Net;
using Course.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Lib.Tests.Hosting;

public class ClientAddressTests
{
    [Fact]
    public async Task CreateClientFrom_InMemoryApp_RequestsArriveFromThatAddress()
    {
        await using var app = await InMemoryServer.StartAsync(web => web.Run(context => context.Response.WriteAsync($"{context.Connection.RemoteIpAddress}")));
        using var client = app.CreateClientFrom(IPAddress.Parse("198.51.100.9"));

        Assert.Equal("198.51.100.9", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task CreateClientFrom_AppOnKestrel_Throws()
    {
        await using var app = await LoopbackServer.StartAsync(web => web.Run(context => Task.CompletedTask));

        Assert.Throws<InvalidOperationException>(() => app.CreateClientFrom("10.0.0.2"));
    }
}
