// Mistake: ranges a little too wide: 10.0.0.4/31 also trusts nginx's neighbour 10.0.0.4, and 203.0.112.0/23 also
// trusts 203.0.112.0/24, which is not the CDN's. Either can forge the headers.
// Expect: the middleware trusts 10.0.0.4 as a proxy
// Exercise 01.2: the app sits behind a CDN (edges: 203.0.113.0/24), then nginx at 10.0.0.5 beside it.
// Make the app see the real client's address and scheme, and believe these headers from no one else.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.4/31"));
    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("203.0.112.0/23"));
    options.ForwardLimit = 2;
}
