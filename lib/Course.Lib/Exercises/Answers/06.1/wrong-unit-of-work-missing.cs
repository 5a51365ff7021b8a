// Mistake: registers three of the four: the endpoint's OrderUnitOfWork is not registered.
// Expect: OrderUnitOfWork is not registered
// Exercise 06.1: register the shop's four services with the lifetimes its behaviour needs.
void AddShopServices(IServiceCollection services)
{
    services.AddSingleton<ShopSettings>();
    services.AddSingleton<PriceFormatter>();
    services.AddSingleton<PriceCache>();
}
