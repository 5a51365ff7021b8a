using System.Net.Http.Json;
using Course.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Course.Hosting;

/// <summary>
/// An ASP.NET Core app started by <see cref="InMemoryServer"/> or <see cref="LoopbackServer"/>, with a
/// client that talks to it. Dispose it (<c>await api.DisposeAsync()</c>) to stop the app.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private readonly Func<HttpClient> _createClient;

    internal RunningApp(WebApplication app, Uri baseAddress, Func<HttpClient> createClient, TestServer? testServer)
    {
        App = app;
        BaseAddress = baseAddress;
        _createClient = createClient;
        TestServer = testServer;
        Client = createClient();
    }

    /// <summary>The app itself: its services, configuration and lifetime.</summary>
    public WebApplication App { get; }

    /// <summary>The app's services (the root provider).</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>Where the app listens: <c>http://localhost/</c> in memory, <c>http://127.0.0.1:port/</c> on loopback.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The in-memory server, or null when the app runs on Kestrel.</summary>
    public TestServer? TestServer { get; }

    /// <summary>A client for the app, with <see cref="BaseAddress"/> set.</summary>
    public HttpClient Client { get; }

    /// <summary>Another client for the app (its own cookies and default headers).</summary>
    public HttpClient CreateClient() => _createClient();

    /// <summary>Sends <c>GET</c> to <paramref name="path"/> and returns the whole exchange.</summary>
    public Task<HttpExchange> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>Sends <c>POST</c> with <paramref name="body"/> as JSON to <paramref name="path"/>.</summary>
    public Task<HttpExchange> PostJsonAsync<T>(string path, T body, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, cancellationToken);

    /// <summary>Sends <c>PUT</c> with <paramref name="body"/> as JSON to <paramref name="path"/>.</summary>
    public Task<HttpExchange> PutJsonAsync<T>(string path, T body, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) }, cancellationToken);

    /// <summary>Sends <c>PATCH</c> with <paramref name="body"/> as JSON to <paramref name="path"/>.</summary>
    public Task<HttpExchange> PatchJsonAsync<T>(string path, T body, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) }, cancellationToken);

    /// <summary>Sends <c>DELETE</c> to <paramref name="path"/>.</summary>
    public Task<HttpExchange> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);

    /// <summary>
    /// Sends <c>POST</c> with <paramref name="fields"/> as an HTML form
    /// (<c>application/x-www-form-urlencoded</c>) to <paramref name="path"/>.
    /// </summary>
    public Task<HttpExchange> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) }, cancellationToken);

    /// <summary>
    /// Sends <c>POST</c> with <paramref name="content"/> as it is to <paramref name="path"/>: for example a
    /// <c>MultipartFormDataContent</c> with files, which the exchange shows part by part.
    /// </summary>
    public Task<HttpExchange> PostAsync(string path, HttpContent content, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, cancellationToken);

    /// <summary>Sends <paramref name="request"/> (a relative URI is resolved against <see cref="BaseAddress"/>).</summary>
    public Task<HttpExchange> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        HttpExchange.SendAsync(Client, request, cancellationToken);

    /// <summary>Stops the app and releases its client and server.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
