// Mistake: everything Transient: the middleware writes one TenantContext, the greeter reads another.
// Expect: not the one the middleware wrote
// Exercise 06.2: register the tenant services without a captive dependency.
void AddTenantServices(IServiceCollection services)
{
    services.AddTransient<TenantContext>();
    services.AddTransient<TenantGreeter>();
}
