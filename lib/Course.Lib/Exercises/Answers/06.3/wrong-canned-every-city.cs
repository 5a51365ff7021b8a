// Mistake: the fake answers Oslo's forecast for every city, so an unknown city is never 404.
// Expect: should answer 404 Not Found
// Exercise 06.3: a fake weather source that records what the endpoint asks it, installed in one test host.
class RecordingWeather(List<string> asked) : IWeatherSource
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken)
    {
        asked.Add(city);
        return Task.FromResult<Forecast?>(new Forecast("Oslo", -3, "Snow"));
    }
}

void OverrideWeather(IServiceCollection services, List<string> asked)
{
    services.Replace(ServiceDescriptor.Singleton<IWeatherSource>(new RecordingWeather(asked)));
}
