using System.Reflection;
using Course.Hosting;
using Course.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Exercises;

/// <summary>The exercises of notebook 00, start here.</summary>
public static class StartHereExercises
{
    /// <summary>
    /// 00.1: an endpoint that greets by name — <c>GET /hello/{name}</c>, with an optional <c>?greeting=</c> — to try the
    /// check / hint / solution cycle on the in-memory server.
    /// </summary>
    public static Exercise<Action<WebApplication>> Greeting { get; } = new(
        id: "00.1",
        title: "Greet by name",
        hint: """
            Map a GET route with a {name} segment: app.MapGet("/hello/{name}", (string name, ...) => ...). The route's {name}
            fills the parameter called name; a parameter that is not in the route comes from the query string, and a default
            value (string greeting = "Hello") is used when the request has none. The handler must RETURN the text:
            Console.WriteLine prints to the console, and the response stays empty.
            """,
        answers: ExerciseAnswers.Load("00.1"),
        cases:
        [
            new("GET /hello/Ada → 200, body \"Hello, Ada!\"", async (map, token) =>
            {
                var (exchanges, greetingRequired) = await SendAsync(map, ["/hello/Ada"], token);
                ExpectGreeting("Hello, Ada!", exchanges[0], greetingRequired);
            }),
            new("GET /hello/Linus, /hello/Grace%20Hopper, /hello/Zoë → \"Hello, <that name>!\" (the name comes from the path)", async (map, token) =>
            {
                string[] names = ["Linus", "Grace Hopper", "Zoë"];
                var (exchanges, greetingRequired) = await SendAsync(map, [.. names.Select(name => "/hello/" + Uri.EscapeDataString(name))], token);
                for (var i = 0; i < names.Length; i++)
                {
                    ExpectGreeting($"Hello, {names[i]}!", exchanges[i], greetingRequired);
                }
            }),
            new("GET /hello/Ada?greeting=Hi → \"Hi, Ada!\"; GET /hello/Linus?greeting=Bonjour → \"Bonjour, Linus!\"", async (map, token) =>
            {
                var (exchanges, greetingRequired) = await SendAsync(map, ["/hello/Ada?greeting=Hi", "/hello/Linus?greeting=Bonjour"], token);
                foreach (var (exchange, expected) in exchanges.Zip(["Hi, Ada!", "Bonjour, Linus!"]))
                {
                    Expect.That(!(exchange.Status == 200 && exchange.Body.StartsWith("Hello,", StringComparison.Ordinal)),
                        $"GET {exchange.Uri.PathAndQuery} answered \"{exchange.Body}\": the ?greeting= in the query string was ignored. " +
                        "Add a parameter named greeting to the handler: a parameter that is not in the route comes from the query string.");
                    ExpectGreeting(expected, exchange, greetingRequired);
                }
            }),
            new("GET /hello/Ada with no ?greeting= → \"Hello, Ada!\" (the greeting defaults to \"Hello\")", async (map, token) =>
            {
                var (exchanges, greetingRequired) = await SendAsync(map, ["/hello/Ada"], token);
                var exchange = exchanges[0];
                Expect.That(exchange.Body != ", Ada!",
                    "GET /hello/Ada (no ?greeting=) answered \", Ada!\": with no ?greeting= the greeting defaults to \"Hello\": " +
                    "give the parameter a default value (string greeting = \"Hello\").");
                ExpectGreeting("Hello, Ada!", exchange, greetingRequired);
                var plain = await PlainQueryParametersAsync(map, token);
                Expect.That(plain.Count == 0,
                    $"GET /hello/Ada answers \"Hello, Ada!\" here, but the parameter {string.Join(", ", plain)} is a plain string with no default value. " +
                    "Notebook cells compile with nullable annotations off, so here it is optional; in a project (dotnet new web: nullable on) a " +
                    "string parameter is required, and GET /hello/Ada with no ?greeting= answers 400 Bad Request. Declare it optional: " +
                    "string greeting = \"Hello\" (or string? greeting).");
            }),
            new("POST /hello/Ada → 405 Method Not Allowed (the endpoint answers GET only)", async (map, token) =>
            {
                var server = await InMemoryServer.StartAsync(_ => { }, map, "Production", token);
                await using (server)
                {
                    var exchange = await server.PostAsync("/hello/Ada", new StringContent(""), token);
                    Expect.That(exchange.Status != 200,
                        $"POST /hello/Ada answered 200 \"{exchange.Body}\": app.Map answers every method; MapGet answers only GET: " +
                        "a POST must get 405 Method Not Allowed, as in the section \"An in-memory server\". Map the route with app.MapGet.");
                    Expect.Status(405, exchange);
                }
            }),
        ]);

    /// <summary>The exercises of notebook 00, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [Greeting];

    /// <summary>
    /// Starts the learner's endpoints alone on an in-memory server (Production) and sends each GET. When one answers 400,
    /// it also sends <c>GET /hello/Ada?greeting=Hi</c>: a 200 there means the greeting parameter is required (no default);
    /// anything else, that some other parameter could not be bound (a name that does not match the route's {name}).
    /// </summary>
    private static async Task<(IReadOnlyList<HttpExchange> Exchanges, bool GreetingRequired)> SendAsync(Action<WebApplication> map,
        IReadOnlyList<string> paths, CancellationToken token)
    {
        var server = await InMemoryServer.StartAsync(_ => { }, map, "Production", token);
        await using (server)
        {
            var exchanges = new List<HttpExchange>();
            foreach (var path in paths)
            {
                exchanges.Add(await server.GetAsync(path, token));
            }
            var greetingRequired = exchanges.Any(e => e.Status == 400) && (await server.GetAsync("/hello/Ada?greeting=Hi", token)).Status == 200;
            return (exchanges, greetingRequired);
        }
    }

    /// <summary>
    /// The string parameters of the learner's handlers that come from the query string and are optional only because the
    /// cell compiles with nullable annotations off: no default value, and not declared <c>string?</c>. In a project with
    /// nullable on (every <c>dotnet new</c> template), the same declaration makes the parameter required.
    /// </summary>
    private static async Task<IReadOnlyList<string>> PlainQueryParametersAsync(Action<WebApplication> map, CancellationToken token)
    {
        var server = await InMemoryServer.StartAsync(_ => { }, map, "Production", token);
        await using (server)
        {
            var nullability = new NullabilityInfoContext();
            return [.. server.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
                .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
                    .Where(p => p.ParameterType == typeof(string) && p.Name is { } name && endpoint.RoutePattern.GetParameter(name) is null
                        && p.GetCustomAttributes().All(a => a is not IFromServiceMetadata and not IFromBodyMetadata and not IFromHeaderMetadata
                            and not IFromRouteMetadata and not IFromFormMetadata)
                        && !p.HasDefaultValue && nullability.Create(p).ReadState != NullabilityState.Nullable)
                    .Select(p => p.Name!))
                .Distinct()];
        }
    }

    private static void ExpectGreeting(string expected, HttpExchange exchange, bool greetingRequired)
    {
        var request = $"GET {Uri.UnescapeDataString(exchange.Uri.PathAndQuery)}";
        Expect.That(exchange.Status != 404,
            $"{request} answered 404 Not Found: no endpoint matches it. The name is part of the path: map the route \"/hello/{{name}}\".");
        Expect.That(!(exchange.Status == 200 && exchange.Body.Length == 0),
            $"{request} answered 200 OK with an empty body: did you print instead of return? Console.WriteLine writes to the console, " +
            "not to the response. Return the greeting from the handler: (string name) => $\"Hello, {name}!\".");
        Expect.That(exchange.Status != 400 || !greetingRequired,
            $"{request} answered 400 Bad Request, and GET /hello/Ada?greeting=Hi answers 200: the greeting parameter is required as written. " +
            "It is optional and defaults to \"Hello\": give it a default value (string greeting = \"Hello\").");
        Expect.That(exchange.Status != 400,
            $"{request} answered 400 Bad Request: a handler parameter that is not in the route is read from the query string, and is " +
            "required unless it has a default value. Check that the parameter for the name is spelled name, as {name} in the route " +
            "(\"/hello/{name}\"), and that every other parameter has a default.");
        Expect.Status(200, exchange);
        Expect.That(!exchange.Body.EndsWith(", !", StringComparison.Ordinal),
            $"{request} answered \"{exchange.Body}\": the name is missing. A handler parameter is filled from the route only when its name " +
            "matches the route's {name}; any other comes from the query string (here, none: null). Check that the parameter for the name is " +
            "spelled name, as {name} in the route (\"/hello/{name}\").");
        Expect.That(exchange.Body != $"\"{expected}\"",
            $"{request} answered the JSON string {exchange.Body}, quotes included: Results.Ok and Results.Json serialize the text as JSON " +
            "(as FastAPI does with a returned str). Return the string itself: ASP.NET Core sends it as text/plain.");
        Expect.Equal(expected, exchange.Body, $"the body of {request}");
    }
}
