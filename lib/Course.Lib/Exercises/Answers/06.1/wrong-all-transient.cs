// Mistake: everything Transient ("a new one is always safe"): two parts of one request get two baskets,
//   and the price list is rebuilt at every resolution.
// Expect: Basket must be shared by everything in one request
// Exercise 06.1: register the three shop services with the lifetimes the observations demand.
void AddShopServices(IServiceCollection services)
{
    services.AddTransient<PriceList>();
    services.AddTransient<Basket>();
    services.AddTransient<ReceiptStamp>();
}
