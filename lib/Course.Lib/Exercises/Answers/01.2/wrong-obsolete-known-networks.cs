// Mistake: trusts the CDN's range through KnownNetworks, obsolete since .NET 10 (ASPDEPR005). It still works, and a
// notebook hides the compiler's warning, but a project built with warnings as errors fails: use KnownIPNetworks.
// Expect: use KnownIPNetworks
// Exercise 01.2: the app sits behind a CDN (edges: 203.0.113.0/24), then nginx at 10.0.0.5 beside it.
// Make the app see the real client's address and scheme, and believe these headers from no one else.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
    options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("203.0.113.0"), 24));
    options.ForwardLimit = 2;
}
