// Mistake: trusts everyone and lifts ForwardLimit, so the middleware walks past the client into the entry the client forged.
// Expect: an entry the client wrote
// Exercise 01.2: the app sits behind a CDN (edges: 203.0.113.0/24), then nginx at 10.0.0.5 beside it.
// Make the app see the real client's address and scheme, and believe these headers from no one else.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Clear();
    options.KnownIPNetworks.Clear();
    options.ForwardLimit = null;
}
