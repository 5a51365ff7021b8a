// Mistake: trusts nginx's whole network (10.0.0.0/24), so another machine on it (10.0.0.6) can forge the headers.
// Expect: the middleware trusts 10.0.0.6 as a proxy
// Exercise 01.2: the app sits behind a CDN (edges: 203.0.113.0/24), then nginx at 10.0.0.5 beside it.
// Make the app see the real client's address and scheme, and believe these headers from no one else.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/24"));
    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("203.0.113.0/24"));
    options.ForwardLimit = 2;
}
