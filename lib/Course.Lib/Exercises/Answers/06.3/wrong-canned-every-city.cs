// Mistake: the canned source answers Oslo's forecast for every city, so an unknown city is never 404.
// Expect: should answer 404 Not Found
// Exercise 06.3: replace the weather source with canned data, as a test would.
class CannedWeather : IWeatherSource
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
        Task.FromResult<Forecast?>(new Forecast("Oslo", -3, "Snow"));
}

void OverrideWeather(IServiceCollection services)
{
    services.Replace(ServiceDescriptor.Singleton<IWeatherSource, CannedWeather>());
}
