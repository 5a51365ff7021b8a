// Mistake: removes by the implementation type (RemoteWeatherSource), which no registration has as its service type: nothing
//   is removed, and the real source is still registered beside the fake.
// Expect: not the implementation type
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
    services.RemoveAll<RemoteWeatherSource>();
    services.AddSingleton<IWeatherSource>(new RecordingWeather(asked));
}
