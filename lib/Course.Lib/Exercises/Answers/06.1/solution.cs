// Exercise 06.1: register the shop's four services with the lifetimes its behaviour needs.
void AddShopServices(IServiceCollection services)
{
    services.AddSingleton<ShopSettings>();       // loaded once, the same for every request
    services.AddSingleton<PriceFormatter>();     // stateless: any lifetime works; one for the app costs least
    services.AddSingleton<PriceCache>();         // shared by every request (thread-safe)
    services.AddScoped<OrderUnitOfWork>();       // one request's pending lines: one per request, disposed at its end
}
