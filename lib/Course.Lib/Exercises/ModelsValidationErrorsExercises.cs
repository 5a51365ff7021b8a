using System.Text;
using System.Text.Json;
using Course.Hosting;
using Course.Http;
using Course.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Course.Exercises;

/// <summary>The exercises of notebook 05, models, validation and errors.</summary>
public static class ModelsValidationErrorsExercises
{
    /// <summary>
    /// 05.1: <c>POST /signups</c> validated by attributes, answering invalid input as FastAPI would — <c>422</c> — but
    /// with ASP.NET Core's validation problem body.
    /// </summary>
    public static Exercise<(Action<WebApplicationBuilder> Services, Action<WebApplication> Endpoints)> ValidatedSignup { get; } = new(
        id: "05.1",
        title: "A validated sign-up endpoint that answers 422",
        hint: """
            Three parts. The record: put attributes on its parameters — [Required], [RegularExpression(...)] (a pattern with
            {3,20} checks the length too), [EmailAddress], [Range(13, 120)]. The services: validation for cell types
            (AddValidationByReflection, as section 2 showed) and AddProblemDetails, whose CustomizeProblemDetails callback
            sees every problem before it is written — when it is an HttpValidationProblemDetails, set both the problem's
            Status and context.HttpContext.Response.StatusCode to 422. The endpoint: MapPost that returns Created.
            """,
        answers: ExerciseAnswers.Load("05.1"),
        cases:
        [
            new("a valid sign-up → 201 Created, Location: /signups/ada_l, the sign-up echoed", async (answer, token) =>
            {
                var exchange = await PostSignupAsync(answer, new { username = "ada_l", email = "ada@example.com", age = 36 }, token);
                Expect.Status(201, exchange);
                Expect.That(PathOf(exchange.Header("Location") ?? "") == "/signups/ada_l",
                    $"The Location header should be /signups/ada_l, but was {exchange.Header("Location") ?? "(none)"}.");
                Expect.That(EchoesSignup(exchange.Body),
                    "The 201 response should echo the sign-up ({\"username\": \"ada_l\", \"email\": \"ada@example.com\", \"age\": 36}): return the " +
                    $"Signup you were given, but it sent {Expect.DescribeBody(exchange.Body)}.");
            }),
            new("usernames \"ab\" (too short), 21 characters (too long), \"ada lovelace\" (a space), \"ada-l\", \"ada!\", \"ada^1\" and \"a`b_c\" (not a letter, digit or _), \"josé_1\" and \"ada١٢٣\" (not ASCII) → 422, errors only for Username; 3 and 20 characters are fine", async (answer, token) =>
            {
                await using var api = await StartSignupAppAsync(answer, token);
                foreach (var username in new[] { "abc", "Ada_Lovelace_1815_uk" })
                {
                    var exchange = await api.PostJsonAsync("/signups", new { username, email = "ada@example.com", age = 36 }, token);
                    Expect.That(exchange.Status == 201,
                        $"POST /signups with username \"{username}\" ({username.Length} characters, only letters, digits and _) should answer 201 Created, " +
                        $"but answered {exchange.Status} {exchange.ReasonPhrase} ({Expect.DescribeBody(exchange.Body)}): letters of either case, digits and _ are allowed, " +
                        "and 3 to 20 characters means both ends are allowed.");
                }
                foreach (var username in new[] { "ab", "Ada_Lovelace_1815_uk1", "ada lovelace", "a_name_far_too_long_for_us", "ada-l", "ada!", "ada.l", "josé_1", "ada١٢٣", "ada^1", "a`b_c", "ada[1]" })
                {
                    var exchange = await api.PostJsonAsync("/signups", new { username, email = "ada@example.com", age = 36 }, token);
                    Expect.That(exchange.Status != 201 || username is "ab" || username.Length <= 20,
                        $"POST /signups with username \"{username}\" answered 201 Created: your username rule lets {username.Length} characters " +
                        "through, but the most is 20.");
                    var nonAscii = username.FirstOrDefault(c => !char.IsAscii(c));
                    Expect.That(exchange.Status != 201 || nonAscii == default,
                        $"POST /signups with username \"{username}\" answered 201 Created: your username rule lets \"{nonAscii}\" through, but only ASCII letters, " +
                        (char.IsDigit(nonAscii)
                            ? "digits and _ are allowed. In .NET, \\d matches every Unicode decimal digit (Arabic-Indic ١٢٣, Devanagari…), not only 0–9: " +
                              "write [0-9] (or pass RegexOptions.ECMAScript), as in [A-Za-z0-9_]."
                            : "digits and _ are allowed. \\w matches every Unicode letter and digit (é, Arabic-Indic digits…): spell the class out, [A-Za-z0-9_]."));
                    var between = username.FirstOrDefault(c => c is '[' or '\\' or ']' or '^' or '`');
                    Expect.That(exchange.Status != 201 || between == default,
                        $"POST /signups with username \"{username}\" answered 201 Created: your username rule lets \"{between}\" through, but only letters, " +
                        "digits and _ are allowed. A-z is one range from 'A' to 'z' in ASCII, and between Z and a lie [ \\ ] ^ _ ` : write two ranges, [A-Za-z0-9_].");
                    Expect.That(exchange.Status != 201 || username is "ab" || username.Length > 20,
                        $"POST /signups with username \"{username}\" answered 201 Created: your username rule lets it through, but only letters, " +
                        "digits and _ are allowed. Spell the allowed characters out, as a class like [A-Za-z0-9_] (not \\S or .).");
                    ExpectValidationProblem(exchange, $"username \"{username}\"", "Username");
                }
            }),
            new("email \"not-an-email\" → 422, errors only for Email", async (answer, token) =>
            {
                var exchange = await PostSignupAsync(answer, new { username = "ada_l", email = "not-an-email", age = 36 }, token);
                ExpectValidationProblem(exchange, "email \"not-an-email\"", "Email");
            }),
            new("age 12 and age 121 → 422, errors only for Age; ages 13 and 120 are fine", async (answer, token) =>
            {
                await using var api = await StartSignupAppAsync(answer, token);
                foreach (var age in new[] { 12, 121 })
                {
                    var exchange = await api.PostJsonAsync("/signups", new { username = "ada_l", email = "ada@example.com", age }, token);
                    var usernameRefused = await api.PostJsonAsync("/signups", new { username = "ab", email = "ada@example.com", age = 36 }, token);
                    Expect.That(exchange.Status != 201 || usernameRefused.Status == 201,
                        $"POST /signups with age {age} answered 201 Created, but the rule is 13 to 120: [Range(13, 120)] allows both ends and nothing outside " +
                        "(FastAPI's ge=13, le=120; gt and lt exclude their bounds).");
                    ExpectValidationProblem(exchange, $"age {age}", "Age");
                }
                foreach (var age in new[] { 13, 120 })
                {
                    var exchange = await api.PostJsonAsync("/signups", new { username = "ada_l", email = "ada@example.com", age }, token);
                    Expect.That(exchange.Status == 201,
                        $"POST /signups with age {age} should answer 201 Created, but answered {exchange.Status} {exchange.ReasonPhrase} " +
                        $"({Expect.DescribeBody(exchange.Body)}): the rule is 13 to 120, both ends allowed — [Range(13, 120)].");
                }
            }),
            new("an empty object {} → 422 with errors for Username, Email and Age", async (answer, token) =>
            {
                await using var api = await StartSignupAppAsync(answer, token);
                var exchange = await api.PostJsonAsync("/signups", new { }, token);
                foreach (var (field, invalid) in new (string, object)[]
                {
                    ("Username", new { username = "ab", email = "ada@example.com", age = 36 }),
                    ("Email", new { username = "ada_l", email = "not-an-email", age = 36 }),
                    ("Age", new { username = "ada_l", email = "ada@example.com", age = 12 }),
                })
                {
                    // A field whose rule refuses a wrong value but not a missing one: the rule lets null through.
                    if (exchange.Status == 422 && !ErrorNames(exchange).Contains(field, StringComparer.OrdinalIgnoreCase) &&
                        ErrorNames(await api.PostJsonAsync("/signups", invalid, token)).Contains(field, StringComparer.OrdinalIgnoreCase))
                    {
                        throw new CheckFailedException(
                            $"With the empty object {{}}, \"errors\" did not name {field}, though a wrong {field} is refused: a field that is left out " +
                            "must be an error too, and rules like [EmailAddress] and [Range] let a missing (null) value through. Mark the field " +
                            "[Required] (or, for Age, use a plain int: 0 when left out, which [Range(13, 120)] refuses).");
                    }
                }
                ExpectValidationProblem(exchange, "the empty object {}", "Username", "Email", "Age");
            }),
            new("only validation problems become 422: malformed JSON stays 400, a text/plain body 415, an unknown sign-up and an unknown route 404", async (answer, token) =>
            {
                await using var api = await StartSignupAppAsync(answer, token);
                var requests = new (string What, int Status, Func<Task<HttpExchange>> Send)[]
                {
                    ("malformed JSON", 400, () => api.PostAsync("/signups", new StringContent("{\"username\": ", Encoding.UTF8, "application/json"), token)),
                    ("a text/plain body", 415, () => api.PostAsync("/signups", new StringContent("ada_l", Encoding.UTF8, "text/plain"), token)),
                    ("GET /signups/nobody (the check's endpoint answers Problem(404))", 404, () => api.GetAsync("/signups/nobody", token)),
                    ("an unknown route, GET /nowhere", 404, () => api.GetAsync("/nowhere", token)),
                };
                foreach (var (what, status, send) in requests)
                {
                    var exchange = await send();
                    Expect.That(exchange.Status != 422,
                        $"{what} should stay {status} {ReasonPhrases.GetReasonPhrase(status)}, but answered 422 ({Expect.DescribeBody(exchange.Body)}): only validation " +
                        "problems become 422. Change the status only when the problem is an HttpValidationProblemDetails, not for every problem or every 400.");
                    Expect.Status(status, exchange);
                }
            }),
        ]);

    /// <summary>
    /// 05.2: four endpoints over stored users and orders — a single user, the list, an order that holds its customer,
    /// a create with its conflict — none of which may send a secret, at any depth, or keep one hidden in what it returns.
    /// </summary>
    public static Exercise<Action<IEndpointRouteBuilder>> OutputDto { get; } = new(
        id: "05.2",
        title: "Right status codes, and no endpoint leaks a secret",
        hint: """
            One output record, UserOut(int Id, string Email, string DisplayName), and one method that builds it from a
            UserAccount — then use that method everywhere a user goes out: the single user, each element of the list, the
            order's customer (an OrderOut(int Id, decimal Total, UserOut Customer)), the created user and the user in the
            409. An input record NewUserIn(string Email, string DisplayName, string Password) is what POST reads; it never
            goes back out. Keep the users in a list declared inside MapUserApi (start it from UserAccount.Samples), store a
            new user as a UserAccount with UserAccount.HashPassword(input.Password) — never the password itself — and answer
            TypedResults.Created(…, ToOut(user)). Requests run at the same time: take a lock (lock (users) { … }) around every
            read and write of the list, so two POSTs cannot get the same id (users.Max(u => u.Id) + 1) or corrupt the list.
            An e-mail is taken whatever its letter case: string.Equals(a, b, StringComparison.OrdinalIgnoreCase).
            """,
        answers: ExerciseAnswers.Load("05.2"),
        cases:
        [
            new("GET /users/1 and GET /users/7 → exactly {id, email, displayName} with that account's values; GET /users/99 → 404", async (map, token) =>
            {
                var api = await StartUserApiAsync(map, token);
                await using (api.App)
                {
                    foreach (var account in new[] { UserAccount.Samples[0], UserAccount.Samples[2] })
                    {
                        var exchange = await api.App.GetAsync($"/users/{account.Id}", token);
                        ExpectNoSecrets(exchange);
                        Expect.Status(200, exchange);
                        ExpectPublicUser(Parse(exchange).RootElement, account, $"GET /users/{account.Id}");
                    }
                    var missing = await api.App.GetAsync("/users/99", token);
                    ExpectNoSecrets(missing);
                    Expect.Status(404, missing);
                }
            }),
            new("GET /users → an array of every user, each exactly {id, email, displayName}", async (map, token) =>
            {
                var api = await StartUserApiAsync(map, token);
                await using (api.App)
                {
                    var exchange = await api.App.GetAsync("/users", token);
                    ExpectNoSecrets(exchange);
                    Expect.Status(200, exchange);
                    var list = Parse(exchange).RootElement;
                    Expect.That(list.ValueKind != JsonValueKind.Array || list.GetArrayLength() <= UserAccount.Samples.Count,
                        $"GET /users on a fresh app sent {list.GetArrayLength()} users, where there are {UserAccount.Samples.Count}: the extra ones were " +
                        "added by an earlier request, in another app. Your user list outlives the app: declare it inside MapUserApi, so each app starts from UserAccount.Samples.");
                    Expect.That(list.ValueKind == JsonValueKind.Array && list.GetArrayLength() == UserAccount.Samples.Count,
                        $"GET /users should send an array of the {UserAccount.Samples.Count} users, but sent {Expect.DescribeBody(exchange.Body)}.");
                    for (var i = 0; i < UserAccount.Samples.Count; i++)
                    {
                        ExpectPublicUser(list[i], UserAccount.Samples[i], $"GET /users, element {i}");
                    }
                }
            }),
            new("GET /orders/501 and /orders/502 → exactly {id, total, customer}, the customer exactly {id, email, displayName}; GET /orders/9 → 404", async (map, token) =>
            {
                var api = await StartUserApiAsync(map, token);
                await using (api.App)
                {
                    foreach (var order in StoredOrder.Samples)
                    {
                        var exchange = await api.App.GetAsync($"/orders/{order.Id}", token);
                        ExpectNoSecrets(exchange);
                        Expect.Status(200, exchange);
                        var root = Parse(exchange).RootElement;
                        var where = $"GET /orders/{order.Id}";
                        ExpectExactly(root, where, "customer", "id", "total");
                        Expect.That(root.GetProperty("id").ValueKind == JsonValueKind.Number && root.GetProperty("id").GetInt32() == order.Id &&
                            root.GetProperty("total").ValueKind == JsonValueKind.Number && root.GetProperty("total").GetDecimal() == order.Total,
                            $"{where} should carry the order's id {order.Id} and total {order.Total}, but sent {Expect.DescribeBody(exchange.Body)}.");
                        ExpectPublicUser(root.GetProperty("customer"), order.Customer, $"{where}, its customer");
                    }
                    var missing = await api.App.GetAsync("/orders/9", token);
                    ExpectNoSecrets(missing);
                    Expect.Status(404, missing);
                }
            }),
            new("POST /users → 201, Location, the new user exactly {id, email, displayName} (the e-mail as sent), found by GET at its Location; an e-mail taken in any letter case → 409 with that user, exactly {id, email, displayName}", async (map, token) =>
            {
                var api = await StartUserApiAsync(map, token);
                await using (api.App)
                {
                    var created = await api.App.PostJsonAsync("/users", new { email = "Ken@Example.com", displayName = "Ken", password = NewPassword }, token);
                    ExpectNoSecrets(created);
                    Expect.Status(201, created);
                    var user = Parse(created).RootElement;
                    ExpectExactly(user, "POST /users", "displayName", "email", "id");
                    Expect.That(user.GetProperty("email").GetString() == "Ken@Example.com" && user.GetProperty("displayName").GetString() == "Ken" &&
                        user.GetProperty("id").ValueKind == JsonValueKind.Number && UserAccount.Samples.All(a => a.Id != user.GetProperty("id").GetInt32()),
                        $"POST /users should answer the new user (email Ken@Example.com as sent, displayName Ken, an id no other user has), but sent {Expect.DescribeBody(created.Body)}.");
                    var location = created.Header("Location");
                    Expect.That(location is not null, "POST /users answered 201 without a Location header: TypedResults.Created(uri, value) sets it.");
                    var fetched = await api.App.GetAsync(location!, token);
                    ExpectNoSecrets(fetched);
                    Expect.That(fetched.Status == 200 && fetched.Body == created.Body,
                        $"GET {location} should send the user just created ({created.Body}), but answered {fetched.Status} {Expect.DescribeBody(fetched.Body)}: store the new user where GET /users/{{id}} finds it.");

                    var taken = UserAccount.Samples[1];
                    var conflict = await api.App.PostJsonAsync("/users", new { email = taken.Email, displayName = "Impostor", password = NewPassword }, token);
                    ExpectNoSecrets(conflict);
                    Expect.Status(409, conflict);
                    ExpectPublicUser(Parse(conflict).RootElement, taken, "The 409 for a taken e-mail");

                    var kenId = user.GetProperty("id").GetInt32();
                    var ken = new UserAccount(kenId, "Ken@Example.com", "Ken", "", false, default);
                    foreach (var (email, owner) in new[] { ("GRACE@example.COM", taken), ("ken@example.com", ken) })
                    {
                        var recased = await api.App.PostJsonAsync("/users", new { email, displayName = "Impostor", password = NewPassword }, token);
                        ExpectNoSecrets(recased);
                        Expect.That(recased.Status == 409,
                            $"POST /users with {email} answered {recased.Status} {recased.ReasonPhrase} ({Expect.DescribeBody(recased.Body)}), but user {owner.Id} " +
                            $"has {owner.Email}: e-mail addresses are taken whatever their letter case, so compare e-mails ignoring case " +
                            "(string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) — both sides, the stored address as well as the new one.");
                        ExpectPublicUser(Parse(recased).RootElement, owner, $"The 409 for {email}");
                    }
                }
            }),
            new("what the endpoints return holds no account, password hash, password, admin flag or creation date — not even hidden from the JSON with [JsonIgnore]", async (map, token) =>
            {
                var api = await StartUserApiAsync(map, token);
                await using (api.App)
                {
                    await api.App.GetAsync("/users/1", token);
                    await api.App.GetAsync("/users", token);
                    await api.App.GetAsync("/orders/501", token);
                    await api.App.PostJsonAsync("/users", new { email = "ken@example.com", displayName = "Ken", password = NewPassword }, token);
                    await api.App.PostJsonAsync("/users", new { email = UserAccount.Samples[1].Email, displayName = "Impostor", password = NewPassword }, token);
                    Expect.That(api.Returned.Count > 0, "None of your endpoints returned a value: map them with MapGet and MapPost on the app you are given.");
                    var secrets = Secrets();
                    foreach (var (endpoint, returned) in api.Returned)
                    {
                        if (returned is null)
                        {
                            continue;
                        }
                        foreach (var (member, value) in HeldValues(returned).Prepend(("(the value itself)", returned)))
                        {
                            Expect.That(value is not UserAccount,
                                $"{endpoint} returned a {returned.GetType().Name} that keeps a whole UserAccount (in {member}): whatever is not serialized " +
                                "today is one attribute or one serializer setting away from the response. Copy the public values into an output record.");
                            if (value is string text && secrets.FirstOrDefault(s => s.Value == text) is { What: not null } secret)
                            {
                                throw new CheckFailedException(
                                    $"{endpoint} returned a {returned.GetType().Name} that still carries {secret.What} (in {member}), hidden from the JSON only by " +
                                    "something like [JsonIgnore]: a record's ToString() prints it into any log line, and one changed setting sends it out. " +
                                    "Leave it out of the output type.");
                            }
                            var name = member[(member.LastIndexOf('.') + 1)..].Replace("_", "", StringComparison.Ordinal);
                            Expect.That(!name.Equals("IsAdmin", StringComparison.OrdinalIgnoreCase) && !name.Equals("CreatedAt", StringComparison.OrdinalIgnoreCase) &&
                                !(value is DateTimeOffset date && UserAccount.Samples.Any(a => a.CreatedAt == date)),
                                $"{endpoint} returned a {returned.GetType().Name} that still carries the account's {name} (in {member}), hidden from the JSON only by " +
                                "something like [JsonIgnore]. The output type holds exactly the public values; leave the rest out.");
                        }
                    }
                }
            }),
            new("POST /users stores the new account with a hash of the password (UserAccount.HashPassword), never the password itself", async (map, token) =>
            {
                var api = await StartUserApiAsync(map, token);
                await using (api.App)
                {
                    // A password and an e-mail of this run only: checks may run side by side, each building accounts.
                    var run = Guid.NewGuid().ToString("N")[..12];
                    var email = $"hash-{run}@example.com";
                    var password = $"{NewPassword} {run}";
                    var stored = new List<string>();
                    void Record(string builtEmail, string hash)
                    {
                        if (builtEmail == email)
                        {
                            lock (stored)
                            {
                                stored.Add(hash);
                            }
                        }
                    }
                    UserAccount.Built += Record;
                    HttpExchange created;
                    try
                    {
                        created = await api.App.PostJsonAsync("/users", new { email, displayName = "Hash", password }, token);
                    }
                    finally
                    {
                        UserAccount.Built -= Record;
                    }
                    ExpectNoSecrets(created);
                    Expect.Status(201, created);
                    List<string> hashes;
                    lock (stored)
                    {
                        hashes = [.. stored];
                    }
                    Expect.That(hashes.Count > 0,
                        $"POST /users answered 201 but built no UserAccount for {email}: store the new user as a UserAccount " +
                        "(with UserAccount.HashPassword(input.Password) as its PasswordHash), in the list GET /users/{id} reads.");
                    foreach (var hash in hashes)
                    {
                        Expect.That(!hash.Contains(password, StringComparison.Ordinal),
                            "POST /users stored the password itself as the new account's PasswordHash" + (hash == password ? "" : " (inside a longer string)") +
                            ": a database leak, a backup or a log line would hand out every user's password. Store a hash: UserAccount.HashPassword(input.Password) " +
                            "(in a real app, ASP.NET Core Identity's PasswordHasher or an Argon2 library).");
                        Expect.That(!string.IsNullOrWhiteSpace(hash),
                            "POST /users stored the new account with an empty PasswordHash: nobody could ever log in. Store UserAccount.HashPassword(input.Password).");
                    }
                }
            }),
        ]);

    /// <summary>The password the 05.2 check sends to <c>POST /users</c>: it must never come back.</summary>
    internal const string NewPassword = "correct horse battery staple";

    /// <summary>The learner's endpoints on a fresh app, each in a group whose filter records what the handler returned.</summary>
    private static async Task<(RunningApp App, List<(string Endpoint, object? Value)> Returned)> StartUserApiAsync(Action<IEndpointRouteBuilder> map, CancellationToken token)
    {
        var returned = new List<(string Endpoint, object? Value)>();
        var app = await StartAsync(_ => { }, app =>
        {
            var group = app.MapGroup("");
            group.AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                lock (returned)
                {
                    returned.Add(($"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}", Unwrap(result)));
                }
                return result;
            });
            map(group);
        }, token);
        return (app, returned);
    }

    /// <summary>The value inside a result: <c>Results&lt;…&gt;</c> → the chosen result → its value (<c>Ok&lt;T&gt;.Value</c>).</summary>
    private static object? Unwrap(object? result)
    {
        for (var i = 0; i < 4 && result is INestedHttpResult nested; i++)
        {
            result = nested.Result;
        }
        return result is IValueHttpResult valued ? valued.Value : result;
    }

    /// <summary>Every secret the 05.2 check must never see: each sample's hash, the hash of the password it sends, and the password.</summary>
    private static List<(string What, string Value)> Secrets() =>
        UserAccount.Samples.Select(a => ($"user {a.Id}'s password hash", a.PasswordHash))
            .Append(("the new user's password hash", UserAccount.HashPassword(NewPassword)))
            .Append(("the password the client sent", NewPassword))
            .ToList();

    /// <summary>
    /// Fails when the response's JSON holds a secret at any depth: a property named like one (passwordHash, password, isAdmin,
    /// createdAt, in any casing, with or without _), or a string that is — or contains — a hash or the password, under any name.
    /// </summary>
    private static void ExpectNoSecrets(HttpExchange exchange)
    {
        var where = $"{exchange.Method} {exchange.Uri.PathAndQuery}";
        var secrets = Secrets();
        foreach (var (what, value) in secrets)
        {
            if (exchange.Headers.FirstOrDefault(h => h.Value.Contains(value, StringComparison.Ordinal)) is { Key: not null } header)
            {
                throw new CheckFailedException($"{where} leaks {what} in its {header.Key} header.");
            }
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(exchange.Body);
        }
        catch (JsonException)
        {
            if (secrets.FirstOrDefault(s => exchange.Body.Contains(s.Value, StringComparison.Ordinal)) is { What: not null } found)
            {
                throw new CheckFailedException($"{where} leaks {found.What} in its body: {Expect.DescribeBody(exchange.Body)}.");
            }
            return;
        }
        using (document)
        {
            Walk(document.RootElement, "$");
        }

        void Walk(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        var normalized = property.Name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
                        if (normalized is "passwordhash" or "password" or "hash" or "isadmin" or "admin" or "createdat")
                        {
                            throw new CheckFailedException(
                                $"{where} leaks \"{property.Name}\" at {path}.{property.Name}: {Expect.DescribeBody(exchange.Body)}. " +
                                (normalized is "password" ? "The input record is what the client sends; answer with an output record, never with the input." :
                                "That is the stored account's field: build an output record with only id, email and displayName — for every user the endpoint sends, nested ones included."));
                        }
                        Walk(property.Value, $"{path}.{property.Name}");
                    }
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item, $"{path}[{i++}]");
                    }
                    break;
                case JsonValueKind.String:
                    var text = element.GetString() ?? "";
                    if (secrets.FirstOrDefault(s => text.Contains(s.Value, StringComparison.Ordinal)) is { What: not null } secret)
                    {
                        throw new CheckFailedException(
                            $"{where} leaks {secret.What} at {path}, under another name: {Expect.DescribeBody(exchange.Body)}. Renaming a field does not " +
                            "make it public: leave the secret out of the output record.");
                    }
                    break;
            }
        }
    }

    private static void ExpectExactly(JsonElement element, string where, params string[] names)
    {
        Expect.That(element.ValueKind == JsonValueKind.Object, $"{where} should be a JSON object, but was {Expect.DescribeBody(element.GetRawText())}.");
        var actual = element.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Expect.That(actual.SequenceEqual(names),
            $"{where} should have exactly the properties {string.Join(", ", names)}, but had {(actual.Count == 0 ? "none" : string.Join(", ", actual))}.");
    }

    /// <summary>
    /// 05.3: one error format — problem details — for every failure: domain exceptions mapped to 404 and 409, anything
    /// else to a 500 that tells nothing about the exception, unknown routes and malformed bodies included.
    /// </summary>
    public static Exercise<(Action<WebApplicationBuilder> Services, Action<WebApplication> Pipeline)> OneErrorFormat { get; } = new(
        id: "05.3",
        title: "One error format, no stack traces",
        hint: """
            Services: AddProblemDetails() and AddExceptionHandler<ApiExceptionHandler>(). Pipeline: UseExceptionHandler()
            first (it catches what the endpoints throw and asks your handler), then UseStatusCodePages() (it gives the empty
            404 and 400 answers a problem-details body too). In the handler, pick status, title and detail with a switch
            on the exception's type; set context.Response.StatusCode, then let IProblemDetailsService (inject it in the
            constructor) write the ProblemDetails. Map only NotFoundException and ConflictException (your own types); everything
            else is a 500 with a fixed title and no detail — its message may hold secrets, and no part of it may go out.
            """,
        answers: ExerciseAnswers.Load("05.3"),
        cases:
        [
            new("an endpoint throws NotFoundException(\"Item 42 does not exist.\"), another NotFoundException(\"User 5 was never registered.\") → 404 problem details with that detail", async (answer, token) =>
            {
                var exchange = await SendToFailingApiAsync(answer, HttpMethod.Get, "/items/42", token);
                var problem = ExpectProblem(exchange, 404);
                Expect.That(problem.TryGetProperty("detail", out var detail) && detail.GetString() == "Item 42 does not exist.",
                    $"The 404 should carry the exception's message as \"detail\" (\"Item 42 does not exist.\"): the client needs to know what is missing. It sent {Expect.DescribeBody(exchange.Body)}.");
                await ExpectSameStatusForSameTypeAsync(answer, HttpMethod.Get, "/users/5", "NotFoundException", "User 5 was never registered.", 404, token);
            }),
            new("an endpoint throws ConflictException(\"Item 7 is already reserved.\"), another ConflictException(\"The name ada is taken.\") → 409 problem details with that detail", async (answer, token) =>
            {
                var exchange = await SendToFailingApiAsync(answer, HttpMethod.Post, "/items/7/reserve", token);
                var problem = ExpectProblem(exchange, 409);
                Expect.That(problem.TryGetProperty("detail", out var detail) && detail.GetString() == "Item 7 is already reserved.",
                    $"The 409 should carry the exception's message as \"detail\". It sent {Expect.DescribeBody(exchange.Body)}.");
                await ExpectSameStatusForSameTypeAsync(answer, HttpMethod.Post, "/users/5/rename", "ConflictException", "The name ada is taken.", 409, token);
            }),
            new("any other exception → 500 problem details that reveal nothing: no part of the message, no type name, no stack trace", async (answer, token) =>
            {
                var exchange = await SendToFailingApiAsync(answer, HttpMethod.Get, "/report", token);
                ExpectProblem(exchange, 500);
                ExpectNothingRevealed(exchange, SecretMessage, nameof(TimeoutException));
            }),
            new("the framework's exceptions are not yours to map: a KeyNotFoundException, an InvalidOperationException, an ArgumentException → the same 500 that reveals nothing", async (answer, token) =>
            {
                foreach (var (path, typeName, message) in new[]
                {
                    ("/lookup", nameof(KeyNotFoundException), FrameworkSecretMessage),
                    ("/first", nameof(InvalidOperationException), InvalidOperationSecretMessage),
                    ("/parse", nameof(ArgumentException), ArgumentSecretMessage),
                })
                {
                    var exchange = await SendToFailingApiAsync(answer, HttpMethod.Get, path, token);
                    Expect.That(exchange.Status == 500,
                        $"GET {path} threw the framework's {typeName}, and your handler answered {exchange.Status} {exchange.ReasonPhrase} " +
                        $"({Expect.DescribeBody(exchange.Body)}). Map exception types of your own, never the framework's: its messages are not " +
                        "written for clients, and anything unexpected is a 500 that reveals nothing.");
                    ExpectProblem(exchange, 500);
                    ExpectNothingRevealed(exchange, message, typeName);
                }
            }),
            new("an unknown route → 404 and a malformed JSON body → 400, both as problem details too", async (answer, token) =>
            {
                ExpectProblem(await SendToFailingApiAsync(answer, HttpMethod.Get, "/nowhere", token), 404);
                ExpectProblem(await SendToFailingApiAsync(answer, HttpMethod.Post, "/items", token, "{\"name\": "), 400);
            }),
            new("a request that succeeds is untouched: GET /ok → 200 \"fine\"", async (answer, token) =>
            {
                var exchange = await SendToFailingApiAsync(answer, HttpMethod.Get, "/ok", token);
                Expect.Status(200, exchange);
                Expect.Equal("fine", exchange.Body, "the body of GET /ok");
            }),
        ]);

    /// <summary>The exercises of notebook 05, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [ValidatedSignup, OutputDto, OneErrorFormat];

    /// <summary>The message of the unexpected exception in 05.3: it holds a secret that must not reach the client.</summary>
    internal const string SecretMessage = "Timeout talking to Server=db.internal;User=app;Password=hunter2";

    /// <summary>The message of the framework's exception in 05.3: it names a key that must not reach the client.</summary>
    internal const string FrameworkSecretMessage = "The given key 'tenant:acme:api-key:sk_live_4f9a' was not present in the dictionary.";

    /// <summary>The message of the framework's InvalidOperationException in 05.3.</summary>
    internal const string InvalidOperationSecretMessage = "Sequence contains no matching element in Tenants.Where(t => t.ApiKey == 'sk_live_4f9a')";

    /// <summary>The message of the framework's ArgumentException in 05.3.</summary>
    internal const string ArgumentSecretMessage = "Format of the initialization string does not conform to specification starting at index 0 (Server=db.internal;Password=hunter2).";

    /// <summary>
    /// The second endpoint that throws <paramref name="typeName"/> (with other words) must get the same status: the status comes from
    /// the exception's type, not from its message.
    /// </summary>
    private static async Task ExpectSameStatusForSameTypeAsync((Action<WebApplicationBuilder> Services, Action<WebApplication> Pipeline) answer,
        HttpMethod method, string path, string typeName, string message, int status, CancellationToken token)
    {
        var exchange = await SendToFailingApiAsync(answer, method, path, token);
        Expect.That(exchange.Status == status,
            $"{method} {path} threw a {typeName} too, with the message \"{message}\", but answered {exchange.Status} {exchange.ReasonPhrase} " +
            $"({Expect.DescribeBody(exchange.Body)}): pick the status by the exception's type (exception is {typeName}), not by the words of its message.");
        var problem = ExpectProblem(exchange, status);
        Expect.That(problem.TryGetProperty("detail", out var detail) && detail.GetString() == message,
            $"The {status} for {method} {path} should carry the exception's message as \"detail\" (\"{message}\"). It sent {Expect.DescribeBody(exchange.Body)}.");
    }

    /// <summary>
    /// Fails when the response — its body as sent, the strings in its JSON, or its headers — holds any fragment of the
    /// exception: a run of 10 characters of its message, its type's name, or a stack frame.
    /// </summary>
    private static void ExpectNothingRevealed(HttpExchange exchange, string message, string typeName)
    {
        var places = new List<(string Where, string Text)> { ("body", exchange.Body) };
        places.AddRange(exchange.Headers.Select(h => ($"header {h.Key}", h.Value)));
        try
        {
            using var document = JsonDocument.Parse(exchange.Body);
            places.Add(("body", string.Join("\n", StringsIn(document.RootElement))));
        }
        catch (JsonException)
        {
        }
        const int Run = 10;
        // Runs of only lowercase letters and spaces ("talking to") are everyday words a fixed message may use.
        var fragments = Enumerable.Range(0, message.Length - Run + 1).Select(i => message.Substring(i, Run))
            .Where(run => !run.All(c => c is ' ' or (>= 'a' and <= 'z')))
            .Concat([typeName, "   at ", "Exception:", ".cs:line", "b__", nameof(SendToFailingApiAsync), "Course.Lib"])
            // The type's name without its suffix ("Timeout", "KeyNotFound") tells what failed just as well.
            .Concat(typeName.EndsWith("Exception", StringComparison.Ordinal) && typeName.Length - "Exception".Length >= 5 ? [typeName[..^"Exception".Length]] : []);
        foreach (var (where, text) in places)
        {
            if (fragments.FirstOrDefault(f => text.Contains(f, StringComparison.Ordinal)) is { } found)
            {
                var start = Math.Max(0, text.IndexOf(found, StringComparison.Ordinal) - 20);
                throw new CheckFailedException(
                    $"The 500 response gives away part of the exception in its {where}: …{text.Substring(start, Math.Min(text.Length - start, found.Length + 40))}… " +
                    $"(the exception was {typeName}: \"{message}\"). Send a fixed title and no detail: the message may hold secrets, and the " +
                    "traceId already finds the full story in the server's logs.");
            }
        }
    }

    private static IEnumerable<string> StringsIn(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString() ?? ""],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => StringsIn(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(StringsIn),
        _ => [],
    };

    private sealed record ItemShape(int Id, string? Name, decimal Price);

    /// <summary>Starts the learner's app on the in-memory server in Production (no developer exception page).</summary>
    private static Task<RunningApp> StartAsync(Action<WebApplicationBuilder> services, Action<WebApplication> app, CancellationToken token) =>
        InMemoryServer.StartAsync(services, app, "Production", token);

    private static async Task<HttpExchange> PostSignupAsync((Action<WebApplicationBuilder> Services, Action<WebApplication> Endpoints) answer, object body,
        CancellationToken token)
    {
        await using var api = await StartSignupAppAsync(answer, token);
        return await api.PostJsonAsync("/signups", body, token);
    }

    /// <summary>
    /// The learner's services and endpoints in an app like 05.3's: status-code pages on (so empty errors become problem
    /// details too, which CustomizeProblemDetails sees) and one endpoint of the check's that answers a 404 problem.
    /// </summary>
    private static Task<RunningApp> StartSignupAppAsync((Action<WebApplicationBuilder> Services, Action<WebApplication> Endpoints) answer, CancellationToken token) =>
        StartAsync(answer.Services ?? (_ => { }), app =>
        {
            app.UseStatusCodePages();
            answer.Endpoints?.Invoke(app);
            app.MapGet("/signups/{username}", (string username) => TypedResults.Problem(statusCode: 404, title: "No such sign-up", detail: $"No sign-up named {username}."));
        }, token);

    private static void ExpectValidationProblem(HttpExchange exchange, string what, params string[] fields)
    {
        Expect.That(exchange.Status != 400 || !BodySaysStatus(exchange, 422),
            $"POST /signups with {what}: the body says \"status\": 422, but the response's status code is still 400. CustomizeProblemDetails changes " +
            "the body; set context.HttpContext.Response.StatusCode to 422 as well.");
        Expect.That(exchange.Status == 422,
            $"POST /signups with {what} should answer 422 Unprocessable Entity, but answered {exchange.Status} {exchange.ReasonPhrase}" +
            (exchange.Status == 400 ? " (ASP.NET Core's default for validation problems: change it to 422)." :
             exchange.Status == 201 ? ": the input was not validated. Put the rules on the record's parameters ([Required], [RegularExpression(…)], " +
                                      "[EmailAddress], [Range]) and turn validation on — for a record declared in a cell, AddValidationByReflection() (section 2)." : "."));
        var problem = ExpectProblem(exchange, 422);
        Expect.That(problem.TryGetProperty("title", out var title) && title.GetString() == "One or more validation errors occurred.",
            $"A validation problem's title is \"One or more validation errors occurred.\" (what Results.ValidationProblem and the built-in validation write), but the body was {Expect.DescribeBody(exchange.Body)}.");
        Expect.That(problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object,
            $"A validation problem lists the invalid fields in \"errors\" ({{\"Field\": [\"message\"]}}), but the body was {Expect.DescribeBody(exchange.Body)}.");
        var keys = errors.EnumerateObject().Select(p => p.Name).ToList();
        var expected = string.Join(", ", fields);

        Expect.That(keys.Count == fields.Length && fields.All(f => keys.Contains(f, StringComparer.OrdinalIgnoreCase)),
            $"With {what}, \"errors\" should name exactly {expected}, but named {(keys.Count == 0 ? "nothing" : string.Join(", ", keys))}.");
    }

    /// <summary>The field names in a validation problem's "errors", or none.</summary>
    private static List<string> ErrorNames(HttpExchange exchange)
    {
        try
        {
            using var document = JsonDocument.Parse(exchange.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errors", out var errors) &&
                errors.ValueKind == JsonValueKind.Object ? errors.EnumerateObject().Select(p => p.Name).ToList() : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static bool EchoesSignup(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            string? Text(string name) => root.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } p ? p.Value.GetString() : null;
            return root.ValueKind == JsonValueKind.Object && Text("username") == "ada_l" && Text("email") == "ada@example.com" &&
                root.EnumerateObject().Any(p => p.Name.Equals("age", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Number && p.Value.GetInt32() == 36);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool BodySaysStatus(HttpExchange exchange, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(exchange.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("status", out var s) &&
                s.ValueKind == JsonValueKind.Number && s.GetInt32() == status;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonElement ExpectProblem(HttpExchange exchange, int status)
    {
        Expect.That(exchange.Status == status || !BodySaysStatus(exchange, status),
            $"{exchange.Method} {exchange.Uri.PathAndQuery}: the problem's body says \"status\": {status}, but the response's status code is {exchange.Status}. " +
            $"IProblemDetailsService writes the body only: set context.Response.StatusCode = {status} too.");
        Expect.Status(status, exchange);
        var contentType = exchange.Header("Content-Type") ?? "";
        Expect.That(contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase),
            $"{exchange.Method} {exchange.Uri.PathAndQuery} answered {status} with {(contentType.Length == 0 ? "no body" : "Content-Type " + contentType)}; " +
            "every error should be problem details (Content-Type: application/problem+json).");
        var problem = Parse(exchange).RootElement;
        Expect.That(problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() == status,
            $"The problem details should say \"status\": {status}, but the body was {Expect.DescribeBody(exchange.Body)}.");
        return problem;
    }

    /// <summary>
    /// Every value <paramref name="root"/> holds, followed into the objects it holds (their fields, a collection's elements, a
    /// dictionary's keys and values), a few levels deep; the path names each, e.g. <c>Internal.PasswordHash</c>.
    /// </summary>
    private static IEnumerable<(string Member, object? Value)> HeldValues(object root)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Queue<(string Path, object Value, int Depth)>([("", root, 0)]);
        while (pending.TryDequeue(out var current))
        {
            if (current.Depth > 4 || !visited.Add(current.Value))
            {
                continue;
            }
            IEnumerable<(string Member, object? Value)> children = current.Value switch
            {
                string => [],
                System.Collections.IDictionary dictionary => dictionary.Keys.Cast<object?>().Select(k => ($"[{k}]", dictionary[k!]))
                    .Concat(dictionary.Keys.Cast<object?>().Select(k => ("(key)", k))),
                System.Collections.IEnumerable sequence => sequence.Cast<object?>().Select((e, i) => ($"[{i}]", e)),
                var other when other.GetType().Namespace?.StartsWith("System", StringComparison.Ordinal) == true => [],
                var other => InstanceValues(other),
            };
            foreach (var (member, value) in children)
            {
                var path = current.Path.Length == 0 ? member : member.StartsWith('[') || member == "(key)" ? current.Path + member : $"{current.Path}.{member}";
                yield return (path, value);
                if (value is not null && !value.GetType().IsPrimitive && value is not (string or decimal or DateTime or DateTimeOffset or Enum))
                {
                    pending.Enqueue((path, value, current.Depth + 1));
                }
            }
        }
    }

    /// <summary>Every instance field of <paramref name="value"/>'s runtime type and its base types (auto-property backing fields included), with its value.</summary>
    private static IEnumerable<(string Member, object? Value)> InstanceValues(object value)
    {
        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public |
                System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly))
            {
                var name = field.Name.StartsWith('<') && field.Name.IndexOf('>', StringComparison.Ordinal) is > 1 and var end ? field.Name[1..end] : field.Name;
                yield return (name, field.GetValue(value));
            }
        }
    }

    private static void ExpectPublicUser(JsonElement user, UserAccount account, string where)
    {
        ExpectExactly(user, where, "displayName", "email", "id");
        Expect.That(user.GetProperty("id").ValueKind == JsonValueKind.Number && user.GetProperty("id").GetInt32() == account.Id
            && user.GetProperty("email").ValueKind == JsonValueKind.String && user.GetProperty("email").GetString() == account.Email
            && user.GetProperty("displayName").ValueKind == JsonValueKind.String && user.GetProperty("displayName").GetString() == account.DisplayName,
            $"{where} should carry account {account.Id}'s values (id {account.Id}, email {account.Email}, displayName {account.DisplayName}), but was {Expect.DescribeBody(user.GetRawText())}.");
    }

    private static async Task<HttpExchange> SendToFailingApiAsync((Action<WebApplicationBuilder> Services, Action<WebApplication> Pipeline) answer,
        HttpMethod method, string path, CancellationToken token, string? jsonBody = null)
    {
        await using var api = await StartAsync(answer.Services ?? (_ => { }), app =>
        {
            answer.Pipeline?.Invoke(app);
            app.MapGet("/items/{id:int}", string (int id) => throw new NotFoundException($"Item {id} does not exist."));
            app.MapPost("/items/{id:int}/reserve", string (int id) => throw new ConflictException($"Item {id} is already reserved."));
            app.MapPost("/items", (ItemShape item) => TypedResults.Created($"/items/{item.Id}", item));
            app.MapGet("/report", string () => throw new TimeoutException(SecretMessage));
            app.MapGet("/lookup", string () => throw new KeyNotFoundException(FrameworkSecretMessage));
            app.MapGet("/first", string () => throw new InvalidOperationException(InvalidOperationSecretMessage));
            app.MapGet("/parse", string () => throw new ArgumentException(ArgumentSecretMessage));
            app.MapGet("/users/{id:int}", string (int id) => throw new NotFoundException($"User {id} was never registered."));
            app.MapPost("/users/{id:int}/rename", string (int id) => throw new ConflictException("The name ada is taken."));
            app.MapGet("/ok", () => "fine");
        }, token);
        var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }
        try
        {
            return await api.SendAsync(request, token);
        }
        catch (Exception error) when (error is not (NotImplementedException or CheckFailedException or OperationCanceledException))
        {
            // In Production the in-memory server hands an exception nothing caught to the client (Kestrel would send a bare 500).
            throw new CheckFailedException(
                $"{method} {path}: the endpoint's {error.GetType().Name} was not turned into a response — nothing in the pipeline " +
                "caught it. UseExceptionHandler() catches what endpoints throw and asks the registered IExceptionHandlers.");
        }
    }

    private static JsonDocument Parse(HttpExchange exchange)
    {
        try
        {
            return JsonDocument.Parse(exchange.Body);
        }
        catch (JsonException)
        {
            throw new CheckFailedException($"{exchange.Method} {exchange.Uri.PathAndQuery} should answer JSON, but sent {(exchange.Body.Length == 0 ? "an empty body" : Expect.DescribeBody(exchange.Body))}.");
        }
    }

    private static string PathOf(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal) ? absolute.AbsolutePath : location;
}
