// Mistake: forgets PriceList, which Basket's constructor needs: no basket can be built.
// Expect: no PriceList is registered
// Exercise 06.1: register the three shop services with the lifetimes the observations demand.
void AddShopServices(IServiceCollection services)
{
    services.AddScoped<Basket>();
    services.AddTransient<ReceiptStamp>();
}
