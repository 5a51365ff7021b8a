// Mistake: everything Transient ("a new one is always safe"): the endpoint and the commit of one request get two
//   units of work, so nothing is committed; the cache caches nothing.
// Expect: two different OrderUnitOfWork objects
// Exercise 06.1: register the shop's four services with the lifetimes its behaviour needs.
void AddShopServices(IServiceCollection services)
{
    services.AddTransient<ShopSettings>();
    services.AddTransient<PriceFormatter>();
    services.AddTransient<PriceCache>();
    services.AddTransient<OrderUnitOfWork>();
}
