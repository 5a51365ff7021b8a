// Mistake: everything Singleton: every request shares one basket, and every receipt has the same number.
// Expect: a new request must get a new basket
// Exercise 06.1: register the three shop services with the lifetimes the observations demand.
void AddShopServices(IServiceCollection services)
{
    services.AddSingleton<PriceList>();
    services.AddSingleton<Basket>();
    services.AddSingleton<ReceiptStamp>();
}
