// Mistake: applies X-Forwarded-For only, so the backend still thinks every request came over http.
// Expect: Is ForwardedHeaders.XForwardedProto enabled?
// Exercise 01.2: the backend sits behind one reverse proxy at 10.0.0.2.
// Apply X-Forwarded-For and X-Forwarded-Proto, and believe them only from that proxy.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.2"));
}
