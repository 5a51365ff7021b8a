using System.Diagnostics;
using System.Reflection;
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
    /// <summary>
    /// 06.1: register a small shop's four services — <see cref="ShopSettings"/>, <see cref="PriceFormatter"/>,
    /// <see cref="PriceCache"/> and <see cref="OrderUnitOfWork"/> — with lifetimes under which the app behaves.
    /// </summary>
    public static Exercise<Action<IServiceCollection>> ChooseLifetimes { get; } = new(
        id: "06.1",
        title: "Choose the lifetimes a small shop needs",
        hint: """
            Ask of each service what it holds. One request's data (the unit of work's pending lines): one instance per
            request, shared by every part of that request. Data every request shares (the cache, the settings loaded
            once): one instance for the app — both are thread-safe. Nothing at all (the formatter): any lifetime is
            correct; one for the app costs least. Then mind the rule the check's scope validation enforces: a service
            may depend only on services that live at least as long as it does.
            """,
        answers: ExerciseAnswers.Load("06.1"),
        cases:
        [
            new("the app starts with scope validation on (as in Development), and all four services are registered", async (answer, token) =>
            {
                await using var shop = await StartShopAsync(answer, token);
            }),
            new("one request: the commit at its end saves exactly the lines its endpoint added", async (answer, token) =>
            {
                await using var shop = await StartShopAsync(answer, token);
                var order = await shop.OrderAsync("grace", ["tea", "scone"], token);
                var committed = Describe(order.Committed);
                Expect.That(order.Committed.Count > 0 || object.ReferenceEquals(order.AddedTo, order.CommittedFrom),
                    $"grace's request added 2 lines, and the commit at the end of the same request saved {committed}: the endpoint and the " +
                    "commit were handed two different OrderUnitOfWork objects. Transient makes a new one at every resolution; everything in " +
                    "one request must share one unit of work — one per request.");
                Expect.Equal("[grace: tea, grace: scone]", committed, "the lines grace's request committed");
            }),
            new("two concurrent requests: each commits its own lines and nobody else's", async (answer, token) =>
            {
                await using var shop = await StartShopAsync(answer, token);
                var orders = await shop.OrderConcurrentlyAsync(("ada", ["tea", "cake"]), ("linus", ["coffee", "juice"]), token);
                // Foreign lines first, for every request: whichever commit ran first holds them, so the message does not depend
                // on which request finished first.
                foreach (var (customer, order) in orders)
                {
                    var foreign = order.Committed.Where(l => l.Customer != customer).ToList();
                    Expect.That(foreign.Count == 0,
                        $"{customer}'s request committed {Describe(order.Committed)}: lines of {foreign.FirstOrDefault()?.Customer}'s order, running at the same time, " +
                        "ended up in it — both requests were handed one OrderUnitOfWork. A Singleton is one object for every request; a unit " +
                        "of work holds one request's data, so each request needs its own.");
                }
                foreach (var (customer, order) in orders)
                {
                    Expect.That(order.Committed.Count > 0 || !object.ReferenceEquals(order.AddedTo, order.CommittedFrom),
                        $"{customer}'s request committed nothing: its lines were saved by the other request's commit — one OrderUnitOfWork was shared by both.");
                }
                Expect.That(orders.All(o => o.Order.Committed.Count > 0),
                    $"A request committed nothing ({string.Join("; ", orders.Select(o => $"{o.Customer}: {Describe(o.Order.Committed)}"))}): the endpoint and the " +
                    "commit of one request must share one OrderUnitOfWork.");
            }),
            new("each request's OrderUnitOfWork is disposed when its request ends", async (answer, token) =>
            {
                await using var shop = await StartShopAsync(answer, token);
                var first = await shop.OrderAsync("ada", ["tea"], token);
                var second = await shop.OrderAsync("linus", ["cake"], token);
                // The request's scope is disposed just after its response: wait up to 3 s for it.
                var disposed = await WaitUntilAsync(() => new[] { first, second }.All(o => shop.Journal.WasDisposed(o.AddedTo)), TimeSpan.FromSeconds(3), token);
                Expect.That(disposed,
                    "An OrderUnitOfWork was still not disposed 3 s after its request had ended: as a Singleton it lives, undisposed, until the app " +
                    "stops, and every request uses the same one. A unit of work must end with its request; the request's scope disposes what it built " +
                    "for that request.");
                Expect.That(!object.ReferenceEquals(first.AddedTo, second.AddedTo),
                    "Two requests were handed the same OrderUnitOfWork: it must be one per request.");
            }),
            new("PriceCache is shared by all requests: three requests for \"tea\" read the catalogue once", async (answer, token) =>
            {
                await using var shop = await StartShopAsync(answer, token);
                foreach (var customer in new[] { "ada", "linus", "grace" })
                {
                    await shop.OrderAsync(customer, ["tea"], token);
                }
                var reads = shop.Journal.CatalogueReads("tea");
                Expect.That(reads == 1,
                    $"The catalogue was read {reads} times for \"tea\" in 3 requests: each request got a PriceCache of its own, which starts empty " +
                    "and is thrown away with the request, so it caches nothing across requests. A cache every request shares is one object for the " +
                    "app (PriceCache is thread-safe).");
            }),
            new("ShopSettings is loaded once for the app", async (answer, token) =>
            {
                await using var shop = await StartShopAsync(answer, token);
                foreach (var customer in new[] { "ada", "linus", "grace" })
                {
                    await shop.OrderAsync(customer, ["tea"], token);
                }
                var loads = shop.Journal.CreatedCount(nameof(ShopSettings));
                Expect.That(loads <= 1,
                    $"ShopSettings was loaded {loads} times for 3 requests: its constructor reads the configuration, which is the same for the whole " +
                    "app. Load it once: one instance for the app.");
            }),
        ]);

    /// <summary>
    /// 06.2: <see cref="IVisitRecorder"/> must stay a singleton, but the <see cref="VisitsDb"/> it writes with is scoped: fix
    /// the captive dependency with a scope per visit (<see cref="IServiceScopeFactory"/>), disposed when the visit is saved.
    /// </summary>
    public static Exercise<Action<IServiceCollection>> FixCaptiveDependency { get; } = new(
        id: "06.2",
        title: "Fix a captive dependency",
        hint: """
            A singleton cannot hold a scoped service, must not ask the root provider (the IServiceProvider a singleton
            is given) for one, nor borrow the request's through IHttpContextAccessor. What it can hold is
            IServiceScopeFactory: take that in the constructor, and in RecordAsync open a scope of your own for this one visit (`await using var scope = scopes.CreateAsyncScope();`),
            get the VisitsDb from scope.ServiceProvider, add, await the save — and let the scope end after it.
            """,
        answers: ExerciseAnswers.Load("06.2"),
        cases:
        [
            new("the app starts with scope validation on (as in Development), IVisitRecorder is still a Singleton, and it takes no IHttpContextAccessor", async (answer, token) =>
            {
                ExpectStillSingleton(answer);
                await using var app = await StartVisitsAsync(answer, new VisitDatabase(), token);
                ExpectNoRequestLocator(app.Services.GetRequiredService<IVisitRecorder>());
            }),
            new("four concurrent visits: each saved by a VisitsDb of its own, disposed once its save has finished", async (answer, token) =>
            {
                var database = new VisitDatabase();
                await using var app = await StartVisitsAsync(answer, database, token);
                string[] pages = ["/home", "/docs", "/pricing", "/blog"];
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                database.SaveGate = gate.Task;
                try
                {
                    var visits = pages.Select(page => VisitAsync(app, database, page, token)).ToList();
                    // Hold every save open until all four run at once (or 2 s have passed): visits that share a VisitsDb collide.
                    await WaitUntilAsync(() => database.SavesRunning >= pages.Length || visits.Any(v => v.IsFaulted), TimeSpan.FromSeconds(2), token);
                    gate.TrySetResult();
                    await Task.WhenAll(visits);
                }
                finally
                {
                    gate.TrySetResult();
                    database.SaveGate = null;
                }
                Expect.Equal(string.Join(", ", pages.Order()), string.Join(", ", database.Rows.Order()), "the visits saved in the database");
                ExpectBuiltByContainer(database);
                var used = database.Contexts.Where(c => c.SavedRows > 0).ToList();
                Expect.That(used.Count == pages.Length,
                    $"{pages.Length} visits were saved by {used.Count} VisitsDb: one context kept by the singleton for all visits, which lives as long " +
                    "as the app and is never disposed. Open a scope per visit and get the VisitsDb from it.");
                await WaitUntilAsync(() => used.All(c => c.IsDisposed), TimeSpan.FromSeconds(2), token);
                Expect.That(used.All(c => c.IsDisposed),
                    $"{used.Count(c => !c.IsDisposed)} of the {used.Count} VisitsDb were never disposed: the scope you opened for a visit was not " +
                    "disposed, so neither is what it built (a real DbContext keeps its connection). Declare the scope with await using (or using).");
            }),
            new("GET /stats counts every visit since start, and the nightly job records one outside any request", async (answer, token) =>
            {
                var database = new VisitDatabase();
                await using var app = await StartVisitsAsync(answer, database, token);
                foreach (var page in new[] { "/home", "/docs", "/blog" })
                {
                    await VisitAsync(app, database, page, token);
                }
                await NightlyJobAsync(app, database, token);
                Expect.That(database.Rows.Contains("nightly-report"), "The nightly job's visit was not saved in the database.");
                ExpectBuiltByContainer(database);
                Expect.That(database.Contexts.All(c => c.SavedRows == 0 || c.IsDisposed),
                    "The nightly job's VisitsDb was not disposed after its save: dispose the scope you opened for the visit.");
                var stats = await app.GetAsync("/stats", token);
                Expect.Status(200, stats);
                Expect.Equal("4", stats.Body, "GET /stats after 3 visits and the nightly job's");
            }),
        ],
        caseTimeLimit: TimeSpan.FromSeconds(20));

    /// <summary>
    /// 06.3: in a test host, replace <see cref="WeatherApi"/>'s <see cref="IWeatherSource"/> with a fake that answers Oslo and
    /// records every city the endpoint asks it for in the list the test gives — its own list for each test host.
    /// </summary>
    public static Exercise<Action<IServiceCollection, List<string>>> OverrideDependency { get; } = new(
        id: "06.3",
        title: "A recording fake, in one test host",
        hint: """
            Like §1's FakeEmailClient, your fake remembers what it was asked: a class that implements IWeatherSource, takes the
            List<string> in its constructor, adds each city GetAsync is asked for, and answers Oslo's forecast (Task.FromResult)
            or null. Each test host calls OverrideWeather with a list of its own, so build the fake there, with that list — a
            static field or a variable outside the method is shared by every host. Then take out what the app registered for
            IWeatherSource (RemoveAll<T>() or Replace(…), in Microsoft.Extensions.DependencyInjection.Extensions) and register
            your instance: AddSingleton<IWeatherSource>(fake).
            """,
        answers: ExerciseAnswers.Load("06.3"),
        cases:
        [
            new("GET /forecast/Oslo → 200 {\"city\": \"Oslo\", \"temperatureC\": -3, \"summary\": \"Snow\"}, and the fake recorded [Oslo]", async (answer, token) =>
            {
                var asked = new List<string>();
                await using var app = await StartWeatherAppAsync(answer, asked, token);
                ExpectNothingRecordedYet(asked);
                var exchange = await ForecastAsync(app, "Oslo", token);
                Expect.Status(200, exchange);
                ExpectRecorded(asked, ["Oslo"], "GET /forecast/Oslo");
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
            new("GET /forecast/Lima, then /forecast/São Paulo → 404 each, and the fake recorded [Lima, São Paulo]: what the endpoint asked, in order", async (answer, token) =>
            {
                var asked = new List<string>();
                await using var app = await StartWeatherAppAsync(answer, asked, token);
                ExpectNothingRecordedYet(asked);
                Expect.Status(404, await ForecastAsync(app, "Lima", token));
                Expect.Status(404, await ForecastAsync(app, "São Paulo", token));
                ExpectRecorded(asked, ["Lima", "São Paulo"], "GET /forecast/Lima, then GET /forecast/São Paulo,");
            }),
            new("two test hosts, each with its own list: host 1 records [Oslo], host 2 [Lima] — nothing leaks from one test to the other", async (answer, token) =>
            {
                var first = new List<string>();
                var second = new List<string>();
                await using var one = await StartWeatherAppAsync(answer, first, token);
                await using var two = await StartWeatherAppAsync(answer, second, token);
                Expect.Status(200, await ForecastAsync(one, "Oslo", token));
                Expect.Status(404, await ForecastAsync(two, "Lima", token));
                Expect.That(first.SequenceEqual(["Oslo"]) && second.SequenceEqual(["Lima"]),
                    $"Both hosts were started, then host 1 was asked for Oslo and host 2 for Lima, but host 1's list holds {Describe(first)} and " +
                    $"host 2's {Describe(second)}. " + (first.Count == 0 || second.Contains("Oslo") || first.Contains("Lima")
                        ? "Your fake writes to a list shared by every test host (a static field, or a fake or list kept outside OverrideWeather), " +
                          "so one test's calls land in another's: tests that run one after the other, or in parallel, would see each other's calls. "
                        : "") +
                    "Build a new fake in each OverrideWeather call, with the list that call was given.");
            }),
            new("exactly one IWeatherSource is registered: the real one is replaced, not just shadowed", async (answer, token) =>
            {
                await using var app = await StartWeatherAppAsync(answer, [], token);
                List<IWeatherSource> sources;
                try
                {
                    sources = app.Services.GetServices<IWeatherSource>().ToList();
                }
                catch (InvalidOperationException error) when (CannotBuild(error) is { } unresolved)
                {
                    throw CannotBuildSource("Asking the container for the IWeatherSource registrations", unresolved);
                }
                Expect.That(sources.Count == 1 && sources[0] is not RemoteWeatherSource,
                    sources.Count == 0
                        ? "No IWeatherSource is registered: the endpoint cannot be served. Remove the real one, then add yours."
                        : sources.Count == 1
                        ? "The only IWeatherSource registered is still the app's RemoteWeatherSource: replace it with your recording fake."
                        : sources.Any(s => s is RemoteWeatherSource)
                        ? $"{sources.Count} IWeatherSource registrations ({string.Join(", ", sources.Select(s => s.GetType().Name))}): GetService takes the last, " +
                          "but anything that asks for IEnumerable<IWeatherSource> would still call the remote one. Remove it first: RemoveAll<IWeatherSource>() " +
                          "(registrations are found by the service type, not the implementation type) or Replace."
                        : $"{sources.Count} IWeatherSource registrations ({string.Join(", ", sources.Select(s => s.GetType().Name))}): register your fake once.");
            }),
        ]);

    /// <summary>The exercises of notebook 06, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [ChooseLifetimes, FixCaptiveDependency, OverrideDependency];

    /// <summary>Runs <paramref name="answer"/> on an empty collection and says which of <paramref name="types"/> it did not register.</summary>
    private static void ExpectRegistered(Action<IServiceCollection> answer, string method, params Type[] types)
    {
        var services = new ServiceCollection();
        answer(services);
        var missing = types.Where(t => !services.Any(d => d.ServiceType == t)).Select(t => t.Name).ToList();
        Expect.That(missing.Count == 0, $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not registered: register {(missing.Count == 1 ? "it" : "them")} in {method}.");
    }

    /// <summary>Why an app did not start, in the learner's terms: a captive dependency, said once.</summary>
    private static CheckFailedException DoesNotStart(Exception error)
    {
        var reasons = (error is AggregateException all ? all.InnerExceptions : [error])
            .Select(e => e.InnerException?.Message ?? e.Message).Distinct().ToList();
        var captive = reasons.Select(m => Regex.Match(m, @"Cannot consume scoped service '(?:[^']*[.+])?(\w+)' from singleton '(?:[^']*[.+])?(\w+)'"))
            .FirstOrDefault(m => m.Success);
        return new(captive is null
            ? "The app does not start with scope validation on: " + string.Join(" ", reasons)
            : $"The app does not start with scope validation on: {captive.Groups[2].Value} is a Singleton that takes the Scoped " +
              $"{captive.Groups[1].Value} in its constructor — a captive dependency. It would keep one {captive.Groups[1].Value}, the root " +
              "scope's, for the app's lifetime, shared by every request. A service may depend only on services that live at least as long.");
    }

    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds or <paramref name="limit"/> has passed.</summary>
    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan limit, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                return false;
            }
            await Task.Delay(10, token);
        }
        return true;
    }

    private static string Describe(IEnumerable<OrderLine> lines) => $"[{string.Join(", ", lines.Select(l => $"{l.Customer}: {l.Product}"))}]";

    /// <summary>What one order request saw: the unit of work its endpoint added to, the one its commit used, and what was committed.</summary>
    private sealed record ShopOrder(OrderUnitOfWork AddedTo, OrderUnitOfWork CommittedFrom, IReadOnlyList<OrderLine> Committed);

    /// <summary>The 06.1 shop, running: <c>POST /orders/{customer}?items=…</c>, and what each order saw.</summary>
    private sealed class ShopApp(RunningApp app, ShopJournal journal, ShopRendezvous rendezvous) : IAsyncDisposable
    {
        public ShopJournal Journal => journal;

        public async Task<ShopOrder> OrderAsync(string customer, string[] items, CancellationToken token)
        {
            var exchange = await SendAsync(customer, items, token);
            Expect.Status(200, exchange);
            return rendezvous.Orders[customer];
        }

        public async Task<List<(string Customer, ShopOrder Order)>> OrderConcurrentlyAsync((string Customer, string[] Items) a, (string Customer, string[] Items) b, CancellationToken token)
        {
            rendezvous.Expect(2);
            try
            {
                var exchanges = await Task.WhenAll(SendAsync(a.Customer, a.Items, token), SendAsync(b.Customer, b.Items, token));
                if (rendezvous.TimedOut)
                {
                    throw new InvalidOperationException("The check's two requests did not overlap within 5 s (a very busy machine?): run the check again.");
                }
                foreach (var exchange in exchanges)
                {
                    Expect.Status(200, exchange);
                }
                return [(a.Customer, rendezvous.Orders[a.Customer]), (b.Customer, rendezvous.Orders[b.Customer])];
            }
            finally
            {
                rendezvous.Expect(1);
            }
        }

        private async Task<HttpExchange> SendAsync(string customer, string[] items, CancellationToken token)
        {
            try
            {
                return await app.PostAsync($"/orders/{customer}?items={string.Join(",", items)}", new StringContent(""), token);
            }
            catch (InvalidOperationException error) when (error.GetBaseException().Message.Contains("from root provider", StringComparison.Ordinal))
            {
                throw new CheckFailedException($"POST /orders/{customer} failed: a Singleton asked the root provider for a Scoped service ({error.GetBaseException().Message})");
            }
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    /// <summary>Lets two concurrent orders add their first line before either goes on, so that a shared unit of work shows.</summary>
    private sealed class ShopRendezvous
    {
        private readonly Lock _gate = new();
        private int _expected = 1;
        private int _arrived;
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public System.Collections.Concurrent.ConcurrentDictionary<string, ShopOrder> Orders { get; } = new();

        public bool TimedOut { get; private set; }

        public void Expect(int count)
        {
            lock (_gate)
            {
                _expected = count;
                _arrived = 0;
                _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public async Task ArriveAsync(CancellationToken token)
        {
            Task all;
            lock (_gate)
            {
                if (++_arrived >= _expected)
                {
                    _all.TrySetResult();
                }
                all = _all.Task;
            }
            try
            {
                await all.WaitAsync(TimeSpan.FromSeconds(5), token);
            }
            catch (TimeoutException)
            {
                TimedOut = true;
            }
        }
    }

    private static async Task<ShopApp> StartShopAsync(Action<IServiceCollection> answer, CancellationToken token)
    {
        ExpectRegistered(answer, "AddShopServices", typeof(ShopSettings), typeof(PriceFormatter), typeof(PriceCache), typeof(OrderUnitOfWork));
        var journal = new ShopJournal();
        var rendezvous = new ShopRendezvous();
        try
        {
            var app = await InMemoryServer.StartAsync(builder =>
            {
                builder.Host.UseDefaultServiceProvider(options =>
                {
                    options.ValidateScopes = true;
                    options.ValidateOnBuild = true;
                });
                answer(builder.Services);
                builder.Services.AddSingleton(journal);
            }, web =>
                // The handler asks for the settings itself too (the shipping rules), so a transient ShopSettings hidden behind a
                // singleton formatter is still loaded again for every request.
                web.MapPost("/orders/{customer}", async (string customer, string items, OrderUnitOfWork work, PriceCache prices, PriceFormatter format, CancellationToken cancel, ShopSettings settings) =>
                {
                    _ = settings;
                    var products = items.Split(',');
                    work.Add(new OrderLine(customer, products[0], prices.PriceOf(products[0])));
                    await rendezvous.ArriveAsync(cancel);
                    foreach (var product in products.Skip(1))
                    {
                        work.Add(new OrderLine(customer, product, prices.PriceOf(product)));
                    }
                    return format.Format(products.Sum(prices.PriceOf));
                })
                // The end of the request commits: another part of the request, which asks for the unit of work itself.
                .AddEndpointFilter(async (context, next) =>
                {
                    var result = await next(context);
                    var added = context.GetArgument<OrderUnitOfWork>(2);
                    var commit = context.HttpContext.RequestServices.GetRequiredService<OrderUnitOfWork>();
                    rendezvous.Orders[context.GetArgument<string>(0)] = new ShopOrder(added, commit, commit.Commit());
                    return result;
                }), "Production", token);
            return new ShopApp(app, journal, rendezvous);
        }
        catch (Exception error) when (error is AggregateException or InvalidOperationException)
        {
            throw DoesNotStart(error);
        }
    }

    private static void ExpectStillSingleton(Action<IServiceCollection> answer)
    {
        ExpectRegistered(answer, "AddVisitServices", typeof(IVisitRecorder));
        var services = new ServiceCollection();
        answer(services);
        var recorder = services.Last(d => d.ServiceType == typeof(IVisitRecorder));
        Expect.That(recorder.Lifetime == ServiceLifetime.Singleton,
            $"IVisitRecorder is registered {recorder.Lifetime}, but it must stay a Singleton: it counts the visits since the app started " +
            "(a Scoped one counts only its own request's), and the nightly job uses it outside any request. Keep the lifetime; change what it holds.");
    }

    /// <summary>
    /// Refuses a recorder that reaches the request's services through <see cref="IHttpContextAccessor"/> (or keeps an
    /// <see cref="HttpContext"/>): it works inside requests, and is the service location the lesson calls a pitfall.
    /// </summary>
    private static void ExpectNoRequestLocator(IVisitRecorder recorder)
    {
        var type = recorder.GetType();
        var taken = type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
            .Concat(type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.FieldType))
            .FirstOrDefault(t => typeof(IHttpContextAccessor).IsAssignableFrom(t) || typeof(HttpContext).IsAssignableFrom(t));
        Expect.That(taken is null,
            $"{type.Name} takes {taken?.Name} to borrow the request's VisitsDb: that is service location, which the Pitfalls warn about " +
            "(IHttpContextAccessor in a singleton hides what a class needs). The recorder then shares the request's DbContext with whatever " +
            "else the request is doing — a DbContext runs one operation at a time — and outside a request it has nothing. Take " +
            "IServiceScopeFactory and open a scope of your own per visit, in requests and in the nightly job alike.");
    }

    private static async Task<RunningApp> StartVisitsAsync(Action<IServiceCollection> answer, VisitDatabase database, CancellationToken token)
    {
        ExpectRegistered(answer, "AddVisitServices", typeof(IVisitRecorder));
        try
        {
            return await InMemoryServer.StartAsync(builder =>
            {
                builder.Host.UseDefaultServiceProvider(options =>
                {
                    options.ValidateScopes = true;
                    options.ValidateOnBuild = true;
                });
                builder.Services.AddSingleton(database);
                // As AddDbContext registers a DbContext: scoped. The factory marks what the container built.
                builder.Services.AddScoped(_ => new VisitsDb(database) { BuiltByContainer = true });
                answer(builder.Services);
            }, app =>
            {
                app.MapPost("/visit/{*page}", async (string page, IVisitRecorder recorder, CancellationToken token) =>
                {
                    await recorder.RecordAsync("/" + page, token);
                    return Results.NoContent();
                });
                app.MapGet("/stats", (IVisitRecorder recorder) => recorder.VisitsSinceStart);
            }, "Production", token);
        }
        catch (Exception error) when (error is AggregateException or InvalidOperationException)
        {
            throw DoesNotStart(error);
        }
    }

    private static void ExpectBuiltByContainer(VisitDatabase database)
    {
        var byHand = database.Contexts.Count(c => !c.BuiltByContainer);
        Expect.That(byHand == 0,
            $"{byHand} VisitsDb were built by your code (new VisitsDb(…) or ActivatorUtilities), not by the container: a real DbContext gets " +
            "its options (provider, connection string, interceptors) from its registration, and the container is what disposes it. Open a " +
            "scope per visit and ask the scope's ServiceProvider for the VisitsDb.");
    }

    private static async Task VisitAsync(RunningApp app, VisitDatabase database, string page, CancellationToken token)
    {
        HttpExchange exchange;
        try
        {
            exchange = await app.PostAsync($"/visit{page}", new StringContent(""), token);
        }
        catch (Exception error) when (error is not CheckFailedException and not OperationCanceledException)
        {
            throw VisitFailed($"POST /visit{page}", database, error);
        }
        Expect.Status(204, exchange);
    }

    private static async Task NightlyJobAsync(RunningApp app, VisitDatabase database, CancellationToken token)
    {
        try
        {
            await app.Services.GetRequiredService<IVisitRecorder>().RecordAsync("nightly-report", token);
        }
        catch (InvalidOperationException error) when (error.Message.Contains("IVisitRecorder", StringComparison.Ordinal))
        {
            throw new CheckFailedException("The nightly job runs outside any request and asks the app's root provider for the IVisitRecorder, " +
                $"which refuses: {error.Message} It must stay a Singleton.");
        }
        catch (NullReferenceException error)
        {
            throw new CheckFailedException($"The nightly job (outside any request) failed with {error.GetType().Name}: outside a request there is no " +
                "HttpContext and no request scope, so IHttpContextAccessor has nothing to give. A Singleton that needs a Scoped service opens a " +
                "scope of its own: inject IServiceScopeFactory.");
        }
        catch (Exception error) when (error is not CheckFailedException and not OperationCanceledException)
        {
            throw VisitFailed("The nightly job's visit", database, error);
        }
    }

    /// <summary>A visit that failed, in the learner's terms.</summary>
    private static CheckFailedException VisitFailed(string what, VisitDatabase database, Exception error)
    {
        var cause = error.GetBaseException();
        return new(cause switch
        {
            InvalidOperationException when cause.Message.Contains("from root provider", StringComparison.Ordinal) =>
                $"{what} failed: {cause.Message} A Singleton is given the app's root provider, which has no request scope and refuses " +
                "Scoped services (without validation it would hand out one VisitsDb for the app's lifetime). Inject IServiceScopeFactory and open a scope per visit.",
            InvalidOperationException when cause.Message.Contains("second operation", StringComparison.Ordinal) =>
                $"{what} failed: \"{cause.Message.Split(". ")[0]}.\" Two visits at the same time used one VisitsDb: the singleton keeps one " +
                "context for every request, and a DbContext runs one operation at a time. Open a scope per visit and get the VisitsDb from it.",
            ObjectDisposedException when database.DisposedDuringSave > 0 =>
                $"{what} failed: the VisitsDb was disposed while SaveChangesAsync was still running — the scope ended before the save " +
                "finished (a method that returns the save's task instead of awaiting it). Await the save inside the scope.",
            ObjectDisposedException =>
                $"{what} failed: the VisitsDb was used after its scope had been disposed. Use it inside the scope, and let the scope end after the save.",
            _ => $"{what} failed: {cause.GetType().Name}: {cause.Message}",
        });
    }

    private static async Task<RunningApp> StartWeatherAppAsync(Action<IServiceCollection, List<string>> answer, List<string> asked, CancellationToken token)
    {
        try
        {
            return await InMemoryServer.StartAsync(builder =>
            {
                WeatherApi.AddServices(builder.Services);
                answer(builder.Services, asked);
            }, WeatherApi.Map, "Production", token);
        }
        catch (InvalidOperationException error) when (IsBodyInferred(error))
        {
            throw NothingRegistered();
        }
    }

    private static async Task<HttpExchange> ForecastAsync(RunningApp app, string city, CancellationToken token)
    {
        try
        {
            return await app.GetAsync($"/forecast/{Uri.EscapeDataString(city)}", token);
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
        catch (Exception error) when (CannotBuild(error) is { } unresolved)
        {
            throw CannotBuildSource($"GET /forecast/{city}", unresolved);
        }
        catch (Exception error) when (error is not CheckFailedException and not OperationCanceledException)
        {
            throw new CheckFailedException($"GET /forecast/{city} failed: your IWeatherSource threw {error.GetBaseException().GetType().Name} " +
                $"({error.GetBaseException().Message}), which the app turns into a 500. The endpoint answers 404 when the source returns null: " +
                "return null for a city your source does not know.");
        }
    }

    /// <summary>A fake records what the endpoint asks it, when it asks: nothing is in the list before the first request.</summary>
    private static void ExpectNothingRecordedYet(List<string> asked) =>
        Expect.That(asked.Count == 0,
            $"The list held {Describe(asked)} before any request was sent: it was filled in when the host was set up, not by the endpoint. " +
            "The test wants to know what the endpoint asked: let the fake's GetAsync add the city it is given.");

    private static void ExpectRecorded(List<string> asked, string[] expected, string what) =>
        Expect.That(asked.SequenceEqual(expected),
            asked.Count == 0
                ? $"{what} was answered, but your fake recorded no call in the list the check gave OverrideWeather, so a test cannot tell what the " +
                  $"endpoint asked. The list should hold {Describe(expected)}: the fake's GetAsync adds each city it is asked for to that list " +
                  "(build the fake with it: new YourFake(asked))."
                : $"After {what} the list holds {Describe(asked)}, but the endpoint asked for {Describe(expected)}: record every city GetAsync is " +
                  "given, known or not, exactly once per call, and nothing else.");

    private static string Describe(IEnumerable<string> cities) => $"[{string.Join(", ", cities)}]";

    private static bool IsBodyInferred(Exception error) =>
        error.Message.Contains("Body was inferred", StringComparison.Ordinal) || (error.InnerException is { } inner && IsBodyInferred(inner));

    /// <summary>The container's "Unable to resolve service for type …" error, wherever it sits in the chain; else null.</summary>
    private static InvalidOperationException? CannotBuild(Exception? error) =>
        error is null ? null
        : error is InvalidOperationException invalid && invalid.Message.StartsWith("Unable to resolve service for type", StringComparison.Ordinal) ? invalid
        : CannotBuild(error.InnerException);

    /// <summary>
    /// A type registration (AddSingleton&lt;IWeatherSource, RecordingWeather&gt;()) makes the container call the fake's constructor, and it
    /// has no List&lt;string&gt; to pass: the source never ran, so the message must not blame GetAsync.
    /// </summary>
    private static CheckFailedException CannotBuildSource(string what, InvalidOperationException error) => new(
        $"{what} failed before your source ran: the container cannot build your IWeatherSource ({error.Message}). You registered the fake's " +
        "type, so the container calls its constructor, and it needs the List<string>, which nothing registered. Build the fake yourself with " +
        "the list this call was given and register the instance: AddSingleton<IWeatherSource>(new RecordingWeather(asked)) " +
        "(or register the list too: AddSingleton(asked)).");

    private static CheckFailedException NothingRegistered() => new(
        "No IWeatherSource is registered, so minimal APIs took the endpoint's IWeatherSource parameter for the request body " +
        "(a type that is not a service is read from the body) and refused to build a GET with a body. Remove the real source, then add yours.");
}
