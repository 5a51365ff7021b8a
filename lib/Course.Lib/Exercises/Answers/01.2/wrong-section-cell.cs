// Mistake: copies the section's cell (one proxy at 10.0.0.2): it trusts neither nginx nor the CDN, and applies one entry.
// Expect: did not believe nginx (10.0.0.5)
// Exercise 01.2: the app sits behind a CDN (edges: 203.0.113.0/24), then nginx at 10.0.0.5 beside it.
// Make the app see the real client's address and scheme, and believe these headers from no one else.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.2")); // believe these headers only from our proxy
}
