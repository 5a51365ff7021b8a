// Exercise 06.1: register the three shop services with the lifetimes the observations demand.
void AddShopServices(IServiceCollection services)
{
    services.AddSingleton<PriceList>();
    services.AddScoped<Basket>();
    services.AddTransient<ReceiptStamp>();
}
