// Mistake: trusts the proxy through KnownNetworks, obsolete since .NET 10 (ASPDEPR005). It still works, and a
// notebook hides the compiler's warning, but a project built with warnings as errors fails: use KnownIPNetworks.
// Expect: use KnownIPNetworks
// Exercise 01.2: the backend sits behind one reverse proxy at 10.0.0.2.
// Apply X-Forwarded-For and X-Forwarded-Proto, and believe them only from that proxy.
void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.0.0.2"), 32));
}
