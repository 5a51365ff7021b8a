// Mistake: the CDN's range widened to /23: 203.0.112.0/24 is not the CDN's, and a caller there can forge the headers.
// Expect: the middleware trusts 203.0.112.9 as a proxy
// Exercise 01.2: the app sits behind a CDN (edges: 203.0.113.0/24), then nginx at 10.0.0.5 beside it.
// Make the app see the real client's address and scheme, and believe these headers from no one else.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Add(System.Net.IPAddress.Parse("10.0.0.5"));
    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("203.0.112.0/23"));
    options.ForwardLimit = 2;
}
