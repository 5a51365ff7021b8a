// Mistake: applies every forwarded header (ForwardedHeaders.All), so X-Forwarded-Host and X-Forwarded-Prefix
// rewrite Request.Host and PathBase, which the task did not ask for.
// Expect: not ForwardedHeaders.All
// Exercise 01.2: the app sits behind a CDN (edges: 203.0.113.0/24), then nginx at 10.0.0.5 beside it.
// Make the app see the real client's address and scheme, and believe these headers from no one else.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.All;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("203.0.113.0/24"));
    options.ForwardLimit = 2;
}
