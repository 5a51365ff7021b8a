// Mistake: the fake's type is registered, so the container must build it, and it cannot: RecordingWeather needs the
//   List<string>, which nothing registered. The source never runs; every request fails with "Unable to resolve service".
// Expect: the container cannot build your IWeatherSource
// Exercise 06.3: a fake weather source that records what the endpoint asks it, installed in one test host.
class RecordingWeather(List<string> asked) : IWeatherSource
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken)
    {
        asked.Add(city);
        return Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
    }
}

void OverrideWeather(IServiceCollection services, List<string> asked)
{
    services.RemoveAll<IWeatherSource>();
    services.AddSingleton<IWeatherSource, RecordingWeather>();
}
