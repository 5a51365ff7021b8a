// Mistake: trivial: writes the expected city into the list while setting up the host, instead of letting the fake record
//   what the endpoint really asked.
// Expect: before any request was sent
// Exercise 06.3: a fake weather source that records what the endpoint asks it, installed in one test host.
class CannedWeather : IWeatherSource
{
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
        Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
}

void OverrideWeather(IServiceCollection services, List<string> asked)
{
    asked.Add("Oslo");
    services.RemoveAll<IWeatherSource>();
    services.AddSingleton<IWeatherSource, CannedWeather>();
}
