using Course.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Course.Lib.Tests.Hosting;

public class InMemoryServerTests
{
    [Fact]
    public async Task StartAsync_WithEndpoints_AnswersRequestsInMemory()
    {
        var api = await InMemoryServer.StartAsync(app =>
        {
            app.MapGet("/hello/{name}", (string name) => $"Hello, {name}!");
            app.MapPost("/echo", (Item item) => item with { Name = item.Name.ToUpperInvariant() });
        });
        try
        {
            var hello = await api.GetAsync("/hello/Ada");
            var echo = await api.PostJsonAsync("/echo", new Item("pen", 2));

            Assert.Equal(200, hello.Status);
            Assert.Equal("Hello, Ada!", hello.Body);
            Assert.Equal(new Item("PEN", 2), echo.Json<Item>());
            Assert.NotNull(api.TestServer);
            Assert.Equal(new Uri("http://localhost/"), api.BaseAddress);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task VerbHelpers_SendTheirMethodAndBody()
    {
        var api = await InMemoryServer.StartAsync(app =>
        {
            app.MapPut("/items/{id}", (int id, Item item) => $"PUT {id} {item.Name}");
            app.MapPatch("/items/{id}", (int id, Item item) => $"PATCH {id} {item.Quantity}");
            app.MapDelete("/items/{id}", (int id) => Results.NoContent());
            app.MapPost("/login", ([FromForm] string user, [FromForm] string password) => $"{user}:{password.Length}").DisableAntiforgery();
        });
        try
        {
            var put = await api.PutJsonAsync("/items/1", new Item("pen", 2));
            var patch = await api.PatchJsonAsync("/items/1", new Item("pen", 3));
            var delete = await api.DeleteAsync("/items/1");
            var form = await api.PostFormAsync("/login", [new("user", "ada"), new("password", "s3cret")]);

            Assert.Equal(("PUT /items/1", "PUT 1 pen"), ($"{put.Method} {put.Uri.AbsolutePath}", put.Body));
            Assert.Equal(("PATCH", "PATCH 1 3"), (patch.Method.Method, patch.Body));
            Assert.Equal((HttpMethod.Delete, 204), (delete.Method, delete.Status));
            Assert.Equal("ada:6", form.Body);
            Assert.Equal("user=ada&password=s3cret", form.RequestBody);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_WithBuilderOverload_RegistersServicesTheEndpointsUse()
    {
        var api = await InMemoryServer.StartAsync(
            builder => builder.Services.AddSingleton<VisitCounter>(),
            app => app.MapGet("/visit", (VisitCounter counter) => counter.Next()));
        try
        {
            await api.GetAsync("/visit");
            var second = await api.GetAsync("/visit");

            Assert.Equal("2", second.Body);
            Assert.Equal(2, api.Services.GetRequiredService<VisitCounter>().Count);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_SeveralServersInOneProcess_DoNotInterfere()
    {
        var first = await InMemoryServer.StartAsync(
            builder => builder.Services.AddSingleton<VisitCounter>(),
            app => app.MapGet("/", (VisitCounter counter) => $"first {counter.Next()}"));
        var second = await InMemoryServer.StartAsync(
            builder => builder.Services.AddSingleton<VisitCounter>(),
            app => app.MapGet("/", (VisitCounter counter) => $"second {counter.Next()}"));
        try
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).GetAsync("/")));

            Assert.Equal(5, answers.Count(a => a.Body.StartsWith("first ", StringComparison.Ordinal)));
            Assert.Equal(5, answers.Count(a => a.Body.StartsWith("second ", StringComparison.Ordinal)));
            Assert.Equal(5, first.Services.GetRequiredService<VisitCounter>().Count);
            Assert.Equal(5, second.Services.GetRequiredService<VisitCounter>().Count);

            await first.DisposeAsync();
            var afterOtherStopped = await second.GetAsync("/");

            Assert.Equal("second 6", afterOtherStopped.Body);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_ByDefault_HasNoLoggingProviders()
    {
        var api = await InMemoryServer.StartAsync(app => app.MapGet("/", () => "ok"));
        try
        {
            Assert.Empty(api.Services.GetServices<ILoggerProvider>());
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_ProviderAddedByTheCaller_IsKept()
    {
        var api = await InMemoryServer.StartAsync(
            builder => builder.Logging.AddProvider(NullLoggerProvider.Instance),
            app => app.MapGet("/", () => "ok"));
        try
        {
            Assert.Equal([NullLoggerProvider.Instance], api.Services.GetServices<ILoggerProvider>());
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_PreservesExecutionContext_AsyncLocalSetByCallerIsVisibleInHandler()
    {
        var ambient = new AsyncLocal<string?>();
        var api = await InMemoryServer.StartAsync(app => app.MapGet("/ambient", () => ambient.Value ?? "(not set)"));
        try
        {
            ambient.Value = "set by the caller";
            var exchange = await api.GetAsync("/ambient");

            Assert.Equal("set by the caller", exchange.Body);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_ByDefault_RunsInDevelopmentAndShowsExceptionsAs500()
    {
        var api = await InMemoryServer.StartAsync(app => app.MapGet("/boom", string () => throw new InvalidOperationException("the handler failed")));
        try
        {
            var exchange = await api.GetAsync("/boom");

            Assert.True(api.App.Environment.IsDevelopment());
            Assert.Equal(500, exchange.Status);
            Assert.Contains("the handler failed", exchange.Body, StringComparison.Ordinal);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_InProduction_LetsTheHandlersExceptionReachTheClient()
    {
        var api = await InMemoryServer.StartAsync(_ => { }, app => app.MapGet("/boom", string () => throw new InvalidOperationException("the handler failed")),
            "Production", CancellationToken.None);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => api.GetAsync("/boom"));

            Assert.True(api.App.Environment.IsProduction());
            Assert.Equal("the handler failed", error.Message);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_ConfigureThrows_PassesTheExceptionOn()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            InMemoryServer.StartAsync(_ => throw new InvalidOperationException("bad pipeline")));

        Assert.Equal("bad pipeline", error.Message);
    }

    [Fact]
    public async Task DisposeAsync_StopsTheApp()
    {
        var api = await InMemoryServer.StartAsync(
            builder => builder.Services.AddSingleton<StopRecorder>().AddHostedService(services => services.GetRequiredService<StopRecorder>()),
            app => app.MapGet("/", () => "ok"));
        var lifetime = api.Services.GetRequiredService<IHostApplicationLifetime>();
        var recorder = api.Services.GetRequiredService<StopRecorder>();

        await api.DisposeAsync();

        Assert.True(lifetime.ApplicationStopped.IsCancellationRequested);
        Assert.True(recorder.Stopped);
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => api.GetAsync("/"));
    }

    [Fact]
    public async Task DisposeAsync_CalledTwice_DoesNotThrow()
    {
        var api = await InMemoryServer.StartAsync(app => app.MapGet("/", () => "ok"));

        await api.DisposeAsync();
        var again = await Record.ExceptionAsync(async () => await api.DisposeAsync());

        Assert.Null(again);
    }

    public sealed record Item(string Name, int Quantity);

    public sealed class VisitCounter
    {
        private int _count;

        public int Count => _count;

        public int Next() => Interlocked.Increment(ref _count);
    }

    public sealed class StopRecorder : IHostedService
    {
        public bool Stopped { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task StartAsync_InProduction_AnswersABindingFailureWithABare400()
    {
        var api = await InMemoryServer.StartAsync(_ => { }, app => app.MapGet("/users/{id}", (int id) => id), "Production");
        try
        {
            var exchange = await api.GetAsync("/users/abc");

            Assert.Equal(400, exchange.Status);
            Assert.Equal("", exchange.Body);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task PostAsync_MultipartContent_ReachesTheEndpointAndIsShownPartByPart()
    {
        var api = await InMemoryServer.StartAsync(app =>
            app.MapPost("/upload", (IFormFile file) => new { file.FileName, file.Length }).DisableAntiforgery());
        try
        {
            var form = new MultipartFormDataContent("test-boundary") { { new ByteArrayContent(new byte[300]), "file", "a.bin" } };

            var exchange = await api.PostAsync("/upload", form);

            Assert.Equal(200, exchange.Status);
            Assert.Equal("""{"fileName":"a.bin","length":300}""", exchange.Body);
            Assert.StartsWith("--test-boundary\n", exchange.RequestBody, StringComparison.Ordinal);
            Assert.Contains("\n<300 bytes of unknown type>\n", exchange.RequestBody, StringComparison.Ordinal);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }
}
