// Mistake: hides the captive dependency from ValidateOnBuild with a factory: the Singleton greeter still asks
//   the root provider for the Scoped context.
// Expect: asked the app's root provider
// Exercise 06.2: register the tenant services without a captive dependency.
void AddTenantServices(IServiceCollection services)
{
    services.AddScoped<TenantContext>();
    services.AddSingleton(provider => new TenantGreeter(provider.GetRequiredService<TenantContext>()));
}
