// Exercise 06.2: register the tenant services without a captive dependency.
void AddTenantServices(IServiceCollection services)
{
    services.AddScoped<TenantContext>();
    services.AddScoped<TenantGreeter>();
}
