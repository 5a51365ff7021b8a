// Mistake: the fake throws for a city it does not know, so the app answers 500, not 404.
// Expect: return null for a city
// Exercise 06.3: a fake weather source that records what the endpoint asks it, installed in one test host.
class RecordingWeather(List<string> asked) : IWeatherSource
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken)
    {
        asked.Add(city);
        return city == "Oslo" ? Task.FromResult<Forecast?>(new Forecast("Oslo", -3, "Snow")) : throw new KeyNotFoundException($"no forecast for {city}");
    }
}

void OverrideWeather(IServiceCollection services, List<string> asked)
{
    services.Replace(ServiceDescriptor.Singleton<IWeatherSource>(new RecordingWeather(asked)));
}
