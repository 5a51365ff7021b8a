// Mistake: the receipt stamp Scoped like the basket: two receipts in one request get the same number.
// Expect: ReceiptStamp must be a new object whenever anyone asks for one
// Exercise 06.1: register the three shop services with the lifetimes the observations demand.
void AddShopServices(IServiceCollection services)
{
    services.AddSingleton<PriceList>();
    services.AddScoped<Basket>();
    services.AddScoped<ReceiptStamp>();
}
