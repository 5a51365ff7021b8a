// Mistake: trusts the proxy's whole network (10.0.0.0/24), so another machine on it can forge the headers.
// Expect: believes callers it should not
// Exercise 01.2: the backend sits behind one reverse proxy at 10.0.0.2.
// Apply X-Forwarded-For and X-Forwarded-Proto, and believe them only from that proxy.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/24"));
}
