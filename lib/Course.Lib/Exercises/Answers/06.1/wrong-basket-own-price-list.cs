// Mistake: builds the Basket in a factory with a new PriceList: the lifetimes look right, but every basket
//   reads a price list of its own instead of the app's one.
// Expect: a PriceList of its own
// Exercise 06.1: register the three shop services with the lifetimes the observations demand.
void AddShopServices(IServiceCollection services)
{
    services.AddSingleton<PriceList>();
    services.AddScoped(_ => new Basket(new PriceList()));
    services.AddTransient<ReceiptStamp>();
}
