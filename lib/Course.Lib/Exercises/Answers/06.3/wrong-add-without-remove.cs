// Mistake: adds the canned source without removing the real one: shadowed, not replaced.
// Expect: Remove it first
// Exercise 06.3: replace the weather source with canned data, as a test would.
class CannedWeather : IWeatherSource
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
        Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
}

void OverrideWeather(IServiceCollection services)
{
    services.AddSingleton<IWeatherSource, CannedWeather>();
}
