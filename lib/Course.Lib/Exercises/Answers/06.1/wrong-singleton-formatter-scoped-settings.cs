// Mistake: a Singleton formatter over Scoped settings: a captive dependency, which scope validation refuses at start.
// Expect: captive dependency
// Exercise 06.1: register the shop's four services with the lifetimes its behaviour needs.
void AddShopServices(IServiceCollection services)
{
    services.AddScoped<ShopSettings>();
    services.AddSingleton<PriceFormatter>();
    services.AddSingleton<PriceCache>();
    services.AddScoped<OrderUnitOfWork>();
}
