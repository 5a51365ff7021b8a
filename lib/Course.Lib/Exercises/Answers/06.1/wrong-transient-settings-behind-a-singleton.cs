// Mistake: ShopSettings Transient, hidden behind a singleton PriceFormatter: the formatter keeps one, but every other
// place that asks for the settings loads them again.
// Expect: Load it once
// Exercise 06.1: register the shop's four services with the lifetimes its behaviour needs.
void AddShopServices(IServiceCollection services)
{
    services.AddTransient<ShopSettings>();
    services.AddSingleton<PriceFormatter>();
    services.AddSingleton<PriceCache>();
    services.AddScoped<OrderUnitOfWork>();
}
