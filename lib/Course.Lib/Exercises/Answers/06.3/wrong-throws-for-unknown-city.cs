// Mistake: the canned source throws for a city it does not know, so the app answers 500, not 404.
// Expect: return null for a city
// Exercise 06.3: replace the weather source with canned data, as a test would.
class CannedWeather : IWeatherSource
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
        city == "Oslo" ? Task.FromResult<Forecast?>(new Forecast("Oslo", -3, "Snow")) : throw new KeyNotFoundException($"no forecast for {city}");
}

void OverrideWeather(IServiceCollection services)
{
    services.Replace(ServiceDescriptor.Singleton<IWeatherSource, CannedWeather>());
}
