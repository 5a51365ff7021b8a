// Mistake: the cache Scoped ("per request, to be safe"): every request starts with an empty cache and reads the
//   catalogue again.
// Expect: caches nothing across requests
// Exercise 06.1: register the shop's four services with the lifetimes its behaviour needs.
void AddShopServices(IServiceCollection services)
{
    services.AddSingleton<ShopSettings>();
    services.AddSingleton<PriceFormatter>();
    services.AddScoped<PriceCache>();
    services.AddScoped<OrderUnitOfWork>();
}
