// Mistake: configures nothing; the middleware applies no header by default.
// Expect: applied nothing
// Exercise 01.2: the backend sits behind one reverse proxy at 10.0.0.2.
// Apply X-Forwarded-For and X-Forwarded-Proto, and believe them only from that proxy.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
}
