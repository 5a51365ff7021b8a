// Mistake: empties the lists of known proxies and networks, so the middleware believes anyone who sends the headers.
// Expect: believes callers it should not
// Exercise 01.2: the backend sits behind one reverse proxy at 10.0.0.2.
// Apply X-Forwarded-For and X-Forwarded-Proto, and believe them only from that proxy.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Clear();
    options.KnownIPNetworks.Clear();
}
