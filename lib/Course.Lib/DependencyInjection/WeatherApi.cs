using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Course.DependencyInjection;

/// <summary>A forecast for one city.</summary>
/// <param name="City">The city.</param>
/// <param name="TemperatureC">The temperature in °C.</param>
/// <param name="Summary">One word: Sunny, Rain, Snow…</param>
public sealed record Forecast(string City, int TemperatureC, string Summary);

/// <summary>Where forecasts come from: in production a remote weather service.</summary>
public interface IWeatherSource
{
    /// <summary>The forecast for <paramref name="city"/>, or null when the source knows no such city.</summary>
    Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken);
}

/// <summary>
/// The production weather source: it would call a remote service, which tests cannot reach — so in the course it
/// always fails with <see cref="HttpRequestException"/>, the way an unreachable network does.
/// </summary>
public sealed class RemoteWeatherSource : IWeatherSource
{
    /// <inheritdoc/>
    public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
        Task.FromException<Forecast?>(new HttpRequestException("weather.example.com is unreachable from tests (Name or service not known)."));
}

/// <summary>Exercise 06.3 and notebook 06: a small API whose endpoint reads an <see cref="IWeatherSource"/> from DI.</summary>
public static class WeatherApi
{
    /// <summary>The app's own registrations: the remote source, as a singleton.</summary>
    public static void AddServices(IServiceCollection services) => services.AddSingleton<IWeatherSource, RemoteWeatherSource>();

    /// <summary>Maps <c>GET /forecast/{city}</c>: 200 with the forecast, or 404 when the source knows no such city.</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/forecast/{city}", async (string city, IWeatherSource source, CancellationToken token) =>
            await source.GetAsync(city, token) is { } forecast ? Results.Ok(forecast) : Results.NotFound());
    }
}
