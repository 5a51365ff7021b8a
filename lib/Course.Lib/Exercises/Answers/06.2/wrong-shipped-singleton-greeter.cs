// Mistake: the shipped registration, a Singleton greeter holding a Scoped TenantContext: a captive dependency.
// Expect: captive dependency
// Exercise 06.2: register the tenant services without a captive dependency.
void AddTenantServices(IServiceCollection services)
{
    services.AddScoped<TenantContext>();
    services.AddSingleton<TenantGreeter>();
}
