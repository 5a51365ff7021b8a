// Mistake: "fixes" the validation error by making the context a Singleton too: every request shares one TenantContext.
// Expect: same TenantContext object
// Exercise 06.2: register the tenant services without a captive dependency.
void AddTenantServices(IServiceCollection services)
{
    services.AddSingleton<TenantContext>();
    services.AddSingleton<TenantGreeter>();
}
