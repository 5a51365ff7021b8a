// Exercise 06.3: a fake weather source that records what the endpoint asks it, installed in one test host.
class RecordingWeather(List<string> asked) : IWeatherSource   // the fake: it answers Oslo and remembers every city it is asked for
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken)
    {
        asked.Add(city);
        return Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
    }
}

void OverrideWeather(IServiceCollection services, List<string> asked)
{
    services.RemoveAll<IWeatherSource>();                             // the app's real source goes…
    services.AddSingleton<IWeatherSource>(new RecordingWeather(asked));   // …and this host's own fake, with this host's list, comes in
}
