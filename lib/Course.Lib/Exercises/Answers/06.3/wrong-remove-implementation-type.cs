// Mistake: removes by the implementation type (RemoteWeatherSource), which no registration has as its service type: nothing
//   is removed, and the real source is still registered beside the canned one.
// Expect: not the implementation type
// Exercise 06.3: replace the weather source with canned data, as a test would.
class CannedWeather : IWeatherSource
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
        Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
}

void OverrideWeather(IServiceCollection services)
{
    services.RemoveAll<RemoteWeatherSource>();
    services.AddSingleton<IWeatherSource, CannedWeather>();
}
