// Mistake: applies X-Forwarded-For only, so the app still thinks every request came over http.
// Expect: Is ForwardedHeaders.XForwardedProto enabled?
// Exercise 01.2: the app sits behind a CDN (edges: 203.0.113.0/24), then nginx at 10.0.0.5 beside it.
// Make the app see the real client's address and scheme, and believe these headers from no one else.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("203.0.113.0/24"));
    options.ForwardLimit = 2;
}
