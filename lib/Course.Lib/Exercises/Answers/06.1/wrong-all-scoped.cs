// Mistake: everything Scoped ("one per request" for all): the price list is rebuilt for every request,
//   and two receipts in one request share a number.
// Expect: PriceList must be one object for the whole app
// Exercise 06.1: register the three shop services with the lifetimes the observations demand.
void AddShopServices(IServiceCollection services)
{
    services.AddScoped<PriceList>();
    services.AddScoped<Basket>();
    services.AddScoped<ReceiptStamp>();
}
