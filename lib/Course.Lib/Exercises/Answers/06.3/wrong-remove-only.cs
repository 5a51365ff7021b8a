// Mistake: removes the real source and registers nothing in its place.
// Expect: No IWeatherSource is registered
// Exercise 06.3: a fake weather source that records what the endpoint asks it, installed in one test host.
void OverrideWeather(IServiceCollection services, List<string> asked)
{
    services.RemoveAll<IWeatherSource>();
}
