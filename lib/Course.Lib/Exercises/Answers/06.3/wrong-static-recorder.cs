// Mistake: over-broad: the fake records into a static list, which every test host shares; each OverrideWeather call points
//   it at its own list, so the last host set up receives every host's calls.
// Expect: shared by every test host
// Exercise 06.3: a fake weather source that records what the endpoint asks it, installed in one test host.
class RecordingWeather : IWeatherSource
{
    public static List<string> Asked = [];

    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken)
    {
        Asked.Add(city);
        return Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
    }
}

void OverrideWeather(IServiceCollection services, List<string> asked)
{
    RecordingWeather.Asked = asked;
    services.RemoveAll<IWeatherSource>();
    services.AddSingleton<IWeatherSource, RecordingWeather>();
}
