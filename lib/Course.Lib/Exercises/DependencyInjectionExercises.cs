using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.DependencyInjection;
using Course.Hosting;
using Course.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Course.Exercises;

/// <summary>The exercises of notebook 06, dependency injection.</summary>
public static class DependencyInjectionExercises
{
    /// <summary>06.1: register <see cref="PriceList"/>, <see cref="Basket"/> and <see cref="ReceiptStamp"/> with the lifetimes their observed instance ids demand.</summary>
    public static Exercise<Action<IServiceCollection>> ChooseLifetimes { get; } = new(
        id: "06.1",
        title: "Choose the lifetimes the instance ids demand",
        hint: """
            Read each row of the table as a question: is it the same object in both requests? (Only one lifetime gives
            that.) The same object twice within one request but a new one in the next request? (That is what a request
            scope is for.) A new object every single time? Then write one Add… call per class on `services`, each with
            the class as its type argument.
            """,
        answers: ExerciseAnswers.Load("06.1"),
        cases:
        [
            new("PriceList: the same instance in every resolution of both requests", async (answer, token) =>
            {
                var seen = await ObserveShopAsync(answer, token);
                ExpectPattern(seen, nameof(PriceList), sameWithin: true, sameAcross: true,
                    "PriceList must be one object for the whole app (loaded once, read by every request)");
            }),
            new("Basket: the same instance twice within a request, a new one in the next request", async (answer, token) =>
            {
                var seen = await ObserveShopAsync(answer, token);
                ExpectPattern(seen, nameof(Basket), sameWithin: true, sameAcross: false,
                    "Basket must be shared by everything in one request, and a new request must get a new basket");
                // Within one request, the basket must read the PriceList the container gives everyone else.
                Expect.That(seen.Where(o => o.Service == nameof(Basket) && o.First is Basket).All(o =>
                        object.ReferenceEquals(((Basket)o.First!).Prices, seen.First(p => p.Request == o.Request && p.Service == nameof(PriceList)).First)),
                    "Each Basket was built with a PriceList of its own, not the app's one PriceList: a factory that calls new PriceList() " +
                    "bypasses the container. Let the container build the Basket (AddScoped<Basket>()), and it hands it the registered PriceList.");
            }),
            new("ReceiptStamp: a new instance every time it is resolved", async (answer, token) =>
            {
                var seen = await ObserveShopAsync(answer, token);
                ExpectPattern(seen, nameof(ReceiptStamp), sameWithin: false, sameAcross: false,
                    "ReceiptStamp must be a new object whenever anyone asks for one, even twice in one request");
            }),
        ]);

    /// <summary>06.2: register <see cref="TenantContext"/> and <see cref="TenantGreeter"/> without a captive dependency.</summary>
    public static Exercise<Action<IServiceCollection>> FixCaptiveDependency { get; } = new(
        id: "06.2",
        title: "Fix a captive dependency",
        hint: """
            A service may only depend on services that live at least as long as it does. TenantContext holds one
            request's data, so what lifetime must it have — and then what lifetimes are allowed for a service that holds
            on to it in its constructor? Draw your registrations with DependencyGraph.Draw<TenantGreeter>(services) and
            look for the ⚠.
            """,
        answers: ExerciseAnswers.Load("06.2"),
        cases:
        [
            new("the app starts with scope validation on (ValidateScopes + ValidateOnBuild, as in Development)", async (answer, token) =>
            {
                await using var app = await StartTenantAppAsync(answer, token);
                var services = app.Services.GetRequiredService<IServiceCollection>();
                foreach (var type in new[] { typeof(TenantContext), typeof(TenantGreeter) })
                {
                    Expect.That(services.Any(d => d.ServiceType == type),
                        $"{type.Name} is not registered: the app starts, but the first request would fail. Register it in AddTenantServices.");
                }
            }),
            new("GET /hello as tenant acme, then as globex → \"Hello, acme!\" then \"Hello, globex!\"", async (answer, token) =>
            {
                await using var app = await StartTenantAppAsync(answer, token);
                var earlier = new List<string>();
                foreach (var tenant in new[] { "acme", "globex", "initech" })
                {
                    var exchange = await GreetAsync(app, tenant, token);
                    Expect.Status(200, exchange);
                    var context = app.Services.GetRequiredService<IServiceCollection>().LastOrDefault(d => d.ServiceType == typeof(TenantContext));
                    Expect.That(exchange.Body != "Hello, (none)!" || context?.Lifetime != ServiceLifetime.Transient,
                        $"Tenant {tenant} was greeted \"Hello, (none)!\": the greeter's TenantContext is not the one the middleware wrote. " +
                        "A Transient TenantContext is a new object at every resolution, so the middleware and the greeter got two different ones. " +
                        "Within one request they must share one: that is what Scoped means.");
                    Expect.That(!earlier.Any(e => exchange.Body == $"Hello, {e}!"),
                        $"Tenant {tenant} was greeted \"{exchange.Body}\", an earlier request's tenant: the greeter still holds the TenantContext of the " +
                        "first request it served — a captive dependency that scope validation cannot see when a factory fetches the context. " +
                        "Register the greeter Scoped and let the container hand it each request's TenantContext.");
                    Expect.Equal($"Hello, {tenant}!", exchange.Body, $"the greeting for tenant {tenant}");
                    earlier.Add(tenant);
                }
            }),
            new("each request gets its own TenantContext (so two concurrent requests could never share one)", async (answer, token) =>
            {
                await using var app = await StartTenantAppAsync(answer, token);
                var contexts = app.Services.GetRequiredService<List<TenantContext>>();
                await GreetAsync(app, "acme", token);
                await GreetAsync(app, "globex", token);
                Expect.That(contexts.Count == 2 && !ReferenceEquals(contexts[0], contexts[1]),
                    "Both requests were handed the same TenantContext object: with two requests at the same time, one " +
                    "would overwrite the other's tenant and be greeted with the wrong name. It holds one request's data.");
                var services = app.Services.GetRequiredService<IServiceCollection>();
                var greeter = services.LastOrDefault(d => d.ServiceType == typeof(TenantGreeter));
                Expect.That(greeter is not null && greeter.Lifetime != ServiceLifetime.Singleton,
                    "TenantGreeter is a Singleton: it is built once and keeps the one TenantContext it was built with for the app's lifetime, " +
                    "whatever request is running. A service that holds request data through its constructor must be Scoped (or Transient) too.");
            }),
        ]);

    /// <summary>06.3: replace the <see cref="IWeatherSource"/> registration in a test host so <c>GET /forecast/{city}</c> returns canned data.</summary>
    public static Exercise<Action<IServiceCollection>> OverrideDependency { get; } = new(
        id: "06.3",
        title: "Override a dependency in a test host",
        hint: """
            Write a class of your own that implements IWeatherSource and knows exactly one city (Task.FromResult gives
            an already-finished task; return null for any other city). Then, in OverrideWeather, take out what the app
            registered for IWeatherSource — Microsoft.Extensions.DependencyInjection.Extensions has RemoveAll<T>() and
            Replace(…) — and register yours.
            """,
        answers: ExerciseAnswers.Load("06.3"),
        cases:
        [
            new("GET /forecast/Oslo → 200 {\"city\": \"Oslo\", \"temperatureC\": -3, \"summary\": \"Snow\"}", async (answer, token) =>
            {
                var exchange = await ForecastAsync(answer, "Oslo", token);
                Expect.Status(200, exchange);
                Forecast? forecast = null;
                try
                {
                    forecast = JsonSerializer.Deserialize<Forecast>(exchange.Body, JsonSerializerOptions.Web);
                }
                catch (JsonException)
                {
                }
                Expect.That(forecast == new Forecast("Oslo", -3, "Snow"),
                    $"GET /forecast/Oslo should send the canned forecast {{\"city\":\"Oslo\",\"temperatureC\":-3,\"summary\":\"Snow\"}}, but sent {Expect.DescribeBody(exchange.Body)}.");
            }),
            new("GET /forecast/Atlantis → 404 (the canned source knows only Oslo)", async (answer, token) =>
            {
                Expect.Status(404, await ForecastAsync(answer, "Atlantis", token));
                Expect.Status(404, await ForecastAsync(answer, "Lima", token));
            }),
            new("exactly one IWeatherSource is registered: the real one is replaced, not just shadowed", async (answer, token) =>
            {
                await using var app = await StartWeatherAppAsync(answer, token);
                var sources = app.Services.GetServices<IWeatherSource>().ToList();
                Expect.That(sources.Count == 1 && sources[0] is not RemoteWeatherSource,
                    sources.Count == 0
                        ? "No IWeatherSource is registered: the endpoint cannot be served. Remove the real one, then add yours."
                        : sources.Count == 1
                        ? "The only IWeatherSource registered is still the app's RemoteWeatherSource: replace it with a canned source of your own."
                        : sources.Any(s => s is RemoteWeatherSource)
                        ? $"{sources.Count} IWeatherSource registrations ({string.Join(", ", sources.Select(s => s.GetType().Name))}): GetService takes the last, " +
                          "but anything that asks for IEnumerable<IWeatherSource> would still call the remote one. Remove it first (RemoveAll or Replace)."
                        : $"{sources.Count} IWeatherSource registrations ({string.Join(", ", sources.Select(s => s.GetType().Name))}): register your canned source once.");
            }),
        ]);

    /// <summary>06.4: use a scoped service outside a request — in a scope of your own, disposed when done.</summary>
    public static Exercise<Func<IServiceProvider, Task<int>>> ScopeOfYourOwn { get; } = new(
        id: "06.4",
        title: "A scope of your own outside a request",
        hint: """
            The provider you are given is the app's root: it has no request scope, and with scope validation on it
            refuses scoped services. IServiceProvider has an extension that opens a scope whose disposal can be awaited
            (look for the Async one next to CreateScope); declare it with `await using`, resolve the OrderStore from the
            scope's own ServiceProvider, and return what CountOpenAsync says — awaited, so the scope ends after the count
            (which makes the method async).
            """,
        answers: ExerciseAnswers.Load("06.4"),
        cases:
        [
            new("with 7 open orders it returns 7, from an OrderStore that a scope of your own built", async (answer, token) =>
            {
                var (count, book) = await CountAsync(answer, openOrders: 7, token);
                Expect.That(book.StoresCreated >= 1,
                    $"It returned {count} without ever creating an OrderStore: ask the container for one and let it count.");
                ExpectStoresFromScopes(book);
                Expect.Equal(7, count, "the number of open orders");
            }),
            new("the scope, and the OrderStore it built, are disposed by the time the method returns — not before the count finished", async (answer, token) =>
            {
                var (_, book) = await CountAsync(answer, openOrders: 11, token);
                Expect.That(book.StoresCreated >= 1, "No OrderStore was created: resolve one from a scope.");
                ExpectStoresFromScopes(book);
                Expect.That(book.StoresDisposed == book.StoresCreated,
                    $"{book.StoresCreated - book.StoresDisposed} of {book.StoresCreated} OrderStore(s) were still open when the method returned: the " +
                    "scope that built the store was never disposed. Dispose the scope you created (await using) and resolve the store from that same " +
                    "scope's ServiceProvider: a scope disposes only what it built itself.");
                Expect.That(book.ScopesClosed == book.ScopesOpened,
                    $"You disposed the OrderStore, but {book.ScopesOpened - book.ScopesClosed} scope(s) you opened were never disposed: the scope owns " +
                    "everything it built (a DbContext's connection, other scoped services). Dispose the scope (await using), not the store.");
            }),
            new("two calls use two different stores (a fresh scope each time, like two requests)", async (answer, token) =>
            {
                var book = new OrderBook { OpenOrders = 3 };
                await using var provider = RootProvider(book);
                var first = await CallAsync(answer, provider, token);
                book.OpenOrders = 5;
                var second = await CallAsync(answer, provider, token);
                Expect.That(first == 3 && second == 5, $"With 3 and then 5 open orders the two calls returned {first} and {second}.");
                Expect.That(book.StoresCreated == 2,
                    $"Two calls created {book.StoresCreated} OrderStore(s): each call should open its own scope and get one new store.");
            }),
        ]);

    /// <summary>The exercises of notebook 06, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [ChooseLifetimes, FixCaptiveDependency, OverrideDependency, ScopeOfYourOwn];

    /// <summary>
    /// The app's root provider for 06.4: OrderBook singleton, OrderStore scoped, scope validation on. The store is built by a
    /// factory that counts the stores a scope built, and with a scoped probe that tells when that scope is disposed.
    /// </summary>
    private static ServiceProvider RootProvider(OrderBook book)
    {
        var services = new ServiceCollection();
        services.AddSingleton(book);
        services.AddScoped(_ => new ScopeProbe(book));
        services.AddScoped(scope =>
        {
            scope.GetRequiredService<ScopeProbe>();
            book.StoreFromScope();
            return new OrderStore(book);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A scoped service of the 06.4 app: created with each scope's store, disposed with that scope.</summary>
    private sealed class ScopeProbe : IDisposable, IAsyncDisposable
    {
        private readonly OrderBook _book;
        private bool _disposed;

        public ScopeProbe(OrderBook book)
        {
            _book = book;
            book.ScopeOpened();
        }

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _book.ScopeClosed();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private static void ExpectStoresFromScopes(OrderBook book) =>
        Expect.That(book.StoresFromScopes == book.StoresCreated,
            $"{book.StoresCreated - book.StoresFromScopes} OrderStore(s) were built by you (new OrderStore(…) or ActivatorUtilities), not by the " +
            "container: nothing owns them, so nothing disposes them, and they get none of the scope's other services. Open a scope and ask " +
            "its ServiceProvider for the OrderStore.");

    private static async Task<(int Count, OrderBook Book)> CountAsync(Func<IServiceProvider, Task<int>> answer, int openOrders, CancellationToken token)
    {
        var book = new OrderBook { OpenOrders = openOrders };
        await using var provider = RootProvider(book);
        return (await CallAsync(answer, provider, token), book);
    }

    /// <summary>
    /// Calls the answer; the classic mistakes become clear messages instead of the container's exception. Every count is held
    /// open until the answer has returned its task (or, for an answer that blocks on it, until the count has waited a second),
    /// so a scope disposed before the count finished is seen every time, not only when the timing is unlucky.
    /// </summary>
    private static async Task<int> CallAsync(Func<IServiceProvider, Task<int>> answer, IServiceProvider root, CancellationToken token)
    {
        var book = root.GetRequiredService<OrderBook>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        book.QueryGate = gate.Task;
        // StartNew, not Task.Run: the check needs the moment the answer returned its task, not when that task finished.
        var call = Task.Factory.StartNew(() => answer(root), token, TaskCreationOptions.None, TaskScheduler.Default);
        int count;
        try
        {
            long? waitingSince = null;
            while (!call.IsCompleted)
            {
                token.ThrowIfCancellationRequested();
                if (book.QueriesRunning > 0)
                {
                    waitingSince ??= Stopwatch.GetTimestamp();
                    if (Stopwatch.GetElapsedTime(waitingSince.Value) > TimeSpan.FromSeconds(1))
                    {
                        break;   // the answer blocks on the count (.Result): let it finish
                    }
                }
                await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(20), token));
            }
            gate.TrySetResult();
            count = await (await call.WaitAsync(token)).WaitAsync(token);
        }
        catch (ObjectDisposedException) when (book.DisposedDuringQuery > 0)
        {
            throw StillRunning();
        }
        catch (InvalidOperationException error) when (error.Message.Contains("root provider", StringComparison.Ordinal))
        {
            throw new CheckFailedException($"{error.Message} The provider you are given is the app's root: create a scope and resolve from it.");
        }
        catch (InvalidOperationException error) when (error.Message.Contains("IAsyncDisposable", StringComparison.Ordinal))
        {
            throw new CheckFailedException("The scope was disposed synchronously (using / Dispose), but OrderStore implements only " +
                "IAsyncDisposable, so the container refused: open the scope with CreateAsyncScope and declare it with await using.");
        }
        finally
        {
            gate.TrySetResult();
            book.QueryGate = null;
        }
        if (book.DisposedDuringQuery > 0)
        {
            throw StillRunning();
        }
        return count;
    }

    private static CheckFailedException StillRunning() => new(
        "The scope was disposed while CountOpenAsync was still running: the method returned (or disposed) before the count finished, " +
        "like a DbContext closed under a running query. Await the count inside the scope (return await store.CountOpenAsync()), so " +
        "the scope ends after it.");

    private sealed record Observation(int Request, string Service, object? First, object? Second, string? Error = null);

    /// <summary>Runs two requests; in each, resolves every shop service twice from the request's services.</summary>
    private static async Task<List<Observation>> ObserveShopAsync(Action<IServiceCollection> answer, CancellationToken token)
    {
        var seen = new List<Observation>();
        var request = 0;
        await using var app = await InMemoryServer.StartAsync(builder => answer(builder.Services), web =>
            web.MapGet("/probe", (HttpContext context) =>
            {
                var number = ++request;
                foreach (var type in new[] { typeof(PriceList), typeof(Basket), typeof(ReceiptStamp) })
                {
                    try
                    {
                        seen.Add(new(number, type.Name, context.RequestServices.GetService(type), context.RequestServices.GetService(type)));
                    }
                    catch (InvalidOperationException error)
                    {
                        seen.Add(new(number, type.Name, null, null, error.Message));
                    }
                }
                return "ok";
            }), "Production", token);
        Expect.Status(200, await app.GetAsync("/probe", token));
        Expect.Status(200, await app.GetAsync("/probe", token));
        return seen;
    }

    private static void ExpectPattern(List<Observation> seen, string service, bool sameWithin, bool sameAcross, string rule)
    {
        var rows = seen.Where(o => o.Service == service).ToList();
        if (rows.FirstOrDefault(o => o.Error is not null)?.Error is { } error)
        {
            var missing = Regex.Match(error, @"Unable to resolve service for type '(?:[\w.]+\.)?(\w+)' while attempting to activate '(?:[\w.]+\.)?(\w+)'");
            throw new CheckFailedException(missing.Success
                ? $"{missing.Groups[2].Value} could not be created: its constructor takes a {missing.Groups[1].Value}, and no {missing.Groups[1].Value} is registered. Register it in AddShopServices."
                : $"{service} could not be created: {error}");
        }
        Expect.That(rows.All(o => o.First is not null && o.Second is not null),
            $"{service} is not registered: GetService returned null. Register it in AddShopServices.");
        var within = rows.All(o => ReferenceEquals(o.First, o.Second));
        var across = ReferenceEquals(rows[0].First, rows[1].First);
        string Said(bool same) => same ? "the same instance" : "two different instances";
        Expect.That(within == sameWithin && across == sameAcross,
            $"{rule}. With your registration, two resolutions in one request gave {Said(within)}, and the two requests got {Said(across)}.");
    }

    private static async Task<RunningApp> StartTenantAppAsync(Action<IServiceCollection> answer, CancellationToken token)
    {
        try
        {
            return await InMemoryServer.StartAsync(builder =>
            {
                builder.Host.UseDefaultServiceProvider(options =>
                {
                    options.ValidateScopes = true;
                    options.ValidateOnBuild = true;
                });
                builder.Services.AddSingleton(new List<TenantContext>());
                builder.Services.AddSingleton<IServiceCollection>(builder.Services);
                answer(builder.Services);
            }, app =>
            {
                app.Use(async (context, next) =>
                {
                    var tenant = context.RequestServices.GetRequiredService<TenantContext>();
                    tenant.Name = context.Request.Headers["X-Tenant"].ToString();
                    var seen = context.RequestServices.GetRequiredService<List<TenantContext>>();
                    lock (seen)
                    {
                        seen.Add(tenant);
                    }
                    await next(context);
                });
                app.MapGet("/hello", (HttpContext context) => context.RequestServices.GetRequiredService<TenantGreeter>().Greet());
            }, "Production", token);
        }
        catch (AggregateException error) when (error.InnerExceptions.All(e => e is InvalidOperationException))
        {
            throw new CheckFailedException(DoesNotStart(error.InnerExceptions.Select(e => e.InnerException?.Message ?? e.Message)));
        }
        catch (InvalidOperationException error)
        {
            throw new CheckFailedException(DoesNotStart([error.InnerException?.Message ?? error.Message]));
        }
    }

    /// <summary>Why the tenant app did not start, in the learner's terms: a captive dependency, said once.</summary>
    private static string DoesNotStart(IEnumerable<string> reasons)
    {
        var messages = reasons.Distinct().ToList();
        var captive = messages.Select(m => Regex.Match(m, @"Cannot consume scoped service '(?:[\w.]+\.)?(\w+)' from singleton '(?:[\w.]+\.)?(\w+)'"))
            .FirstOrDefault(m => m.Success);
        return captive is null
            ? "The app does not start with scope validation on: " + string.Join(" ", messages)
            : $"The app does not start with scope validation on: {captive.Groups[2].Value} is a Singleton that takes the Scoped " +
              $"{captive.Groups[1].Value} in its constructor — a captive dependency. It would keep one {captive.Groups[1].Value} for the " +
              "app's lifetime (the root scope's, which no request ever writes), so every tenant would be greeted as (none). " +
              "Give the greeter a lifetime no longer than the context's.";
    }

    private static async Task<HttpExchange> GreetAsync(RunningApp app, string tenant, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Add("X-Tenant", tenant);
        try
        {
            return await app.SendAsync(request, token);
        }
        catch (InvalidOperationException error) when (error.Message.Contains("from root provider", StringComparison.Ordinal))
        {
            throw new CheckFailedException(
                $"GET /hello failed: {error.Message} A Singleton (or its factory) asked the app's root provider for the Scoped " +
                "TenantContext; the root has no request, so scope validation refuses. Register the greeter Scoped and let the container " +
                "hand it the request's TenantContext.");
        }
    }

    private static async Task<RunningApp> StartWeatherAppAsync(Action<IServiceCollection> answer, CancellationToken token)
    {
        try
        {
            return await InMemoryServer.StartAsync(builder =>
            {
                WeatherApi.AddServices(builder.Services);
                answer(builder.Services);
            }, WeatherApi.Map, "Production", token);
        }
        catch (InvalidOperationException error) when (IsBodyInferred(error))
        {
            throw NothingRegistered();
        }
    }

    private static async Task<HttpExchange> ForecastAsync(Action<IServiceCollection> answer, string city, CancellationToken token)
    {
        await using var app = await StartWeatherAppAsync(answer, token);
        try
        {
            return await app.GetAsync($"/forecast/{city}", token);
        }
        catch (HttpRequestException error)
        {
            throw new CheckFailedException($"GET /forecast/{city} still called the real weather service: {error.Message} Replace the IWeatherSource registration " +
                "(TryAdd… adds nothing when one is already registered).");
        }
        catch (InvalidOperationException error) when (IsBodyInferred(error))
        {
            throw NothingRegistered();
        }
    }

    private static bool IsBodyInferred(Exception error) =>
        error.Message.Contains("Body was inferred", StringComparison.Ordinal) || (error.InnerException is { } inner && IsBodyInferred(inner));

    private static CheckFailedException NothingRegistered() => new(
        "No IWeatherSource is registered, so minimal APIs took the endpoint's IWeatherSource parameter for the request body " +
        "(a type that is not a service is read from the body) and refused to build a GET with a body. Remove the real source, then add yours.");
}
