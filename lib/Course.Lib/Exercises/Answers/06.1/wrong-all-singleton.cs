// Mistake: everything Singleton: concurrent requests share one unit of work, and one customer's lines end up in
//   another's order.
// Expect: ended up in it
// Exercise 06.1: register the shop's four services with the lifetimes its behaviour needs.
void AddShopServices(IServiceCollection services)
{
    services.AddSingleton<ShopSettings>();
    services.AddSingleton<PriceFormatter>();
    services.AddSingleton<PriceCache>();
    services.AddSingleton<OrderUnitOfWork>();
}
