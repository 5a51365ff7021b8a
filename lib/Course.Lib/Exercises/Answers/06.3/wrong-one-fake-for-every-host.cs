// Mistake: over-broad: one fake for the whole notebook, built at the first OverrideWeather call and handed to every test host
//   after it (a process-wide override), so the second host's calls land in the first host's list.
// Expect: shared by every test host
// Exercise 06.3: a fake weather source that records what the endpoint asks it, installed in one test host.
class RecordingWeather(List<string> asked) : IWeatherSource   // the fake: it answers Oslo and remembers every city it is asked for
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken)
    {
        asked.Add(city);
        return Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
    }
}

RecordingWeather sharedFake = null;

void OverrideWeather(IServiceCollection services, List<string> asked)
{
    sharedFake ??= new RecordingWeather(asked);
    services.RemoveAll<IWeatherSource>();
    services.AddSingleton<IWeatherSource>(sharedFake);
}
