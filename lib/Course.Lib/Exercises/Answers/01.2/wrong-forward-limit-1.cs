// Mistake: trusts both hops but leaves ForwardLimit at 1, so the middleware applies only nginx's entry: the CDN edge.
// Expect: ForwardLimit is 1 (the default)
// Exercise 01.2: the app sits behind a CDN (edges: 203.0.113.0/24), then nginx at 10.0.0.5 beside it.
// Make the app see the real client's address and scheme, and believe these headers from no one else.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("203.0.113.0/24"));
}
