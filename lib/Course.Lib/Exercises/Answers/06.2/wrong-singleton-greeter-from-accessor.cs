// Mistake: a Singleton greeter built by a factory that fetches the first request's TenantContext through IHttpContextAccessor: scope validation cannot see it, and every later tenant is greeted with the first one's name.
// Expect: an earlier request's tenant
// Exercise 06.2: register the tenant services without a captive dependency.
void AddTenantServices(IServiceCollection services)
{
    services.AddHttpContextAccessor();
    services.AddScoped<TenantContext>();
    services.AddSingleton(sp => new TenantGreeter(sp.GetRequiredService<IHttpContextAccessor>().HttpContext!.RequestServices.GetRequiredService<TenantContext>()));
}
