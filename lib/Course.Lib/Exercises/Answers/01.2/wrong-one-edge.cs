// Mistake: trusts the one CDN edge it saw in a log (203.0.113.45), not the CDN's range: other edges are not believed.
// Expect: trust the whole range
// Exercise 01.2: the app sits behind a CDN (edges: 203.0.113.0/24), then nginx at 10.0.0.5 beside it.
// Make the app see the real client's address and scheme, and believe these headers from no one else.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
    options.KnownProxies.Add(IPAddress.Parse("203.0.113.45"));
    options.ForwardLimit = 2;
}
