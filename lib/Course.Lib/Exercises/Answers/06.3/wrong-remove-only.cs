// Mistake: removes the real source and registers nothing in its place.
// Expect: No IWeatherSource is registered
// Exercise 06.3: replace the weather source with canned data, as a test would.
void OverrideWeather(IServiceCollection services)
{
    services.RemoveAll<IWeatherSource>();
}
