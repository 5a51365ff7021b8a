// Mistake: TryAddSingleton adds nothing when IWeatherSource is already registered: the real source stays.
// Expect: still called the real weather service
// Exercise 06.3: replace the weather source with canned data, as a test would.
class CannedWeather : IWeatherSource
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
        Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
}

void OverrideWeather(IServiceCollection services)
{
    services.TryAddSingleton<IWeatherSource, CannedWeather>();
}
