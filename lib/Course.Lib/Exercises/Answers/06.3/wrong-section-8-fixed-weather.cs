// Mistake: section 8's FixedWeather, transcribed: it replaces the source correctly but records nothing, so the test cannot
//   ask what the endpoint did (and it answers every city with a sunny 21 °C).
// Expect: recorded no call
// Exercise 06.3: a fake weather source that records what the endpoint asks it, installed in one test host.
class FixedWeather : IWeatherSource
{
    public Task<Forecast?> GetAsync(string city, CancellationToken token) => Task.FromResult<Forecast?>(new Forecast(city, 21, "Sunny"));
}

void OverrideWeather(IServiceCollection services, List<string> asked)
{
    services.RemoveAll<IWeatherSource>();
    services.AddSingleton<IWeatherSource, FixedWeather>();
}
