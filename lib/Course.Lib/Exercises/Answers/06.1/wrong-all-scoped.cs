// Mistake: everything Scoped ("one per request" for all): the settings are loaded again for every request.
// Expect: Load it once
// Exercise 06.1: register the shop's four services with the lifetimes its behaviour needs.
void AddShopServices(IServiceCollection services)
{
    services.AddScoped<ShopSettings>();
    services.AddScoped<PriceFormatter>();
    services.AddScoped<PriceCache>();
    services.AddScoped<OrderUnitOfWork>();
}
