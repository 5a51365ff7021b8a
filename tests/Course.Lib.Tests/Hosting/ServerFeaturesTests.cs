using Course.Hosting;

namespace Course.Lib.Tests.Hosting;

public class ServerFeaturesTests
{
    [Fact]
    public async Task CompareAsync_NamesEachCarrierKestrelImplements_AndItsSocketTransport()
    {
        var table = await ServerFeatures.CompareAsync();

        var lines = table.Split('\n');
        Assert.All(ServerFeatures.Carriers, name => Assert.Contains(lines, line => line.StartsWith(name, StringComparison.Ordinal) && !line.EndsWith('—')));
        Assert.Contains(lines, line => line.StartsWith("IHttpRequestFeature", StringComparison.Ordinal) && !line.Contains('—'));
        Assert.Contains("other features (TestServer has", table);
        Assert.Contains("Kestrel's transport: Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportFactory", table);
    }
}
