// Mistake: applies every forwarded header (ForwardedHeaders.All), so the proxy's X-Forwarded-Host and
// X-Forwarded-Prefix rewrite Request.Host and PathBase, which the task did not ask for.
// Expect: not ForwardedHeaders.All
// Exercise 01.2: the backend sits behind one reverse proxy at 10.0.0.2.
// Apply X-Forwarded-For and X-Forwarded-Proto, and believe them only from that proxy.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.All;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.2"));
}
