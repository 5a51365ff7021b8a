// Mistake: adds the recording fake without removing the real source: shadowed, not replaced.
// Expect: Remove it first
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
    services.AddSingleton<IWeatherSource>(new RecordingWeather(asked));
}
