using Course.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Course.Lib.Tests.Hosting;

public class BareKestrelTests
{
    [Fact]
    public async Task GetAsync_RunsTheApplicationForOneRequestOverASocket()
    {
        var exchange = await BareKestrel.GetAsync(new Hello(), "/hi?x=1");

        Assert.Equal(200, exchange.Status);
        Assert.Equal("GET /hi?x=1", exchange.Body);
    }

    /// <summary>The smallest <see cref="IHttpApplication{TContext}"/>: its context is the feature collection itself.</summary>
    private sealed class Hello : IHttpApplication<IFeatureCollection>
    {
        public IFeatureCollection CreateContext(IFeatureCollection contextFeatures) => contextFeatures;

        public async Task ProcessRequestAsync(IFeatureCollection context)
        {
            var request = context.GetRequiredFeature<IHttpRequestFeature>();
            var body = context.GetRequiredFeature<IHttpResponseBodyFeature>();
            await body.Stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}"));
        }

        public void DisposeContext(IFeatureCollection context, Exception? exception)
        {
        }
    }
}
