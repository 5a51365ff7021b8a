using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Course.Hosting;
using Course.Http;
using Course.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Validation;

#pragma warning disable ASP0029 // [ValidatableType] and the resolver API are experimental in ASP.NET Core 10

namespace Course.Lib.Tests.Validation;

// A compiled twin of what notebook 05 declares in cells: [ValidatableType] makes ASP.NET Core's source generator
// describe these types at build time, and AddValidation() in this file is intercepted to register that description.
[ValidatableType]
public sealed record TestOrder(
    [Required, StringLength(20)] string Customer,
    [EmailAddress, Display(Name = "E-mail")] string? Email,
    List<TestLine> Lines,
    TestAddress? Ship) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Lines is { Count: 0 })
        {
            yield return new ValidationResult("An order needs at least one line.", [nameof(Lines)]);
        }
    }
}

public sealed record TestLine([Required] string Sku, [Range(1, 99)] int Quantity);

public sealed record TestAddress([Required] string City, [RegularExpression("^[0-9]{5}$")] string Zip);

public sealed class TestNode
{
    [Required]
    public string? Name { get; set; }

    public TestNode? Next { get; set; }
}

public sealed record NothingToValidate(string Name, int Count);

// The same rule on a public and an internal type: the generator describes only the public one.
public sealed record PublicCount([Range(1, 2)] int Count);

internal sealed record InternalCount([Range(1, 2)] int Count);

// Inheritance: the pipeline validates a base type's members through the base type's own description, and the
// generator ignores attributes declared on interfaces.
public record TestPerson([property: StringLength(3)] string? Label, [Range(1, 5)] int Level);

[ValidatableType]
public sealed record TestEmployee(string? Label, int Level, [Display(Name = "Badge number")][StringLength(2)] string? Badge, TestDesk? Desk)
    : TestPerson(Label, Level);

public interface ITestNamed
{
    [Required]
    string? Title { get; }
}

public sealed class TestDesk : ITestNamed
{
    [Range(1, 3)]
    public int Floor { get; set; }

    public string? Title { get; init; }
}

public class ReflectionValidatableInfoResolverTests
{
    private static readonly object[] InvalidOrders =
    [
        new { customer = "", email = "nope", lines = new object[] { new { sku = "", quantity = 0 }, new { sku = "a", quantity = 5 } }, ship = new { city = "", zip = "12" } },
        new { customer = "Ada", lines = Array.Empty<object>() },
        new { customer = new string('x', 21), email = "ada@example.com", lines = new object[] { new { sku = "a", quantity = 100 } } },
        new { },
    ];

    [Fact]
    public async Task InvalidOrders_GetTheSame400Body_AsTheSourceGeneratorGives()
    {
        var generated = await InMemoryServer.StartAsync(b => AddGeneratedValidation(b), MapOrders);
        var reflected = await InMemoryServer.StartAsync(b => { b.Services.AddValidationByReflection(); b.Services.AddProblemDetails(); }, MapOrders);
        await using (generated)
        await using (reflected)
        {
            foreach (var order in InvalidOrders)
            {
                var fromGenerator = await generated.PostJsonAsync("/orders", order);
                var fromReflection = await reflected.PostJsonAsync("/orders", order);

                Assert.Equal(400, fromGenerator.Status);
                Assert.Equal(fromGenerator.Status, fromReflection.Status);
                Assert.Equal(fromGenerator.Header("Content-Type"), fromReflection.Header("Content-Type"));
                Assert.Equal(WithoutTraceId(fromGenerator.Body), WithoutTraceId(fromReflection.Body));
            }
        }
    }

    [Fact]
    public async Task InheritedMembers_AreValidatedOnce_AsTheSourceGeneratorDoes()
    {
        var generated = await InMemoryServer.StartAsync(b => AddGeneratedValidation(b), MapEmployees);
        var reflected = await InMemoryServer.StartAsync(b => { b.Services.AddValidationByReflection(); b.Services.AddProblemDetails(); }, MapEmployees);
        await using (generated)
        await using (reflected)
        {
            foreach (var employee in new object[]
            {
                new { label = "long", level = 9, badge = "abc", desk = new { floor = 7 } },
                new { label = "ok", level = 2, desk = new { floor = 2 } },
            })
            {
                var fromGenerator = await generated.PostJsonAsync("/employees", employee);
                var fromReflection = await reflected.PostJsonAsync("/employees", employee);

                Assert.Equal(fromGenerator.Status, fromReflection.Status);
                Assert.Equal(WithoutTraceId(fromGenerator.Body), WithoutTraceId(fromReflection.Body));
            }
            Assert.Equal(400, (await generated.PostJsonAsync("/employees", new { label = "long", level = 1 })).Status);
            var invalid = await reflected.PostJsonAsync("/employees", new { label = "long", level = 9 });
            Assert.Equal(["The field Label must be a string with a maximum length of 3."], JsonNode.Parse(invalid.Body)!["errors"]!["Label"]!.AsArray().Select(m => m!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task TheSourceGenerator_SkipsInternalTypes_WhichNotebook05sPitfallWarnsAbout()
    {
        var api = await InMemoryServer.StartAsync(b => AddGeneratedValidation(b), app =>
        {
            app.MapPost("/public", (PublicCount count) => "accepted");
            app.MapPost("/internal", (InternalCount count) => "accepted");
        });
        await using (api)
        {
            Assert.Equal(400, (await api.PostJsonAsync("/public", new { count = 9 })).Status);
            Assert.Equal(200, (await api.PostJsonAsync("/internal", new { count = 9 })).Status);
        }
    }

    [Fact]
    public async Task NestedAndCollectionErrors_AreReportedWithTheirPaths()
    {
        var api = await InMemoryServer.StartAsync(b => { b.Services.AddValidationByReflection(); b.Services.AddProblemDetails(); }, MapOrders);
        await using (api)
        {
            var exchange = await api.PostJsonAsync("/orders", InvalidOrders[0]);

            var errors = JsonNode.Parse(exchange.Body)!["errors"]!.AsObject().Select(p => p.Key).ToList();
            Assert.Equal(["Customer", "Email", "Lines[0].Sku", "Lines[0].Quantity", "Ship.City", "Ship.Zip"], errors);
            Assert.Contains("The E-mail field is not a valid e-mail address.", exchange.Body);
        }
    }

    [Fact]
    public async Task AValidOrder_ReachesTheEndpoint()
    {
        var api = await InMemoryServer.StartAsync(b => b.Services.AddValidationByReflection(), MapOrders);
        await using (api)
        {
            var exchange = await api.PostJsonAsync("/orders", new { customer = "Ada", lines = new[] { new { sku = "a", quantity = 1 } } });

            Assert.Equal(201, exchange.Status);
        }
    }

    [Fact]
    public void ATypeWithoutAttributes_IsNotValidatable()
    {
        var resolver = new ReflectionValidatableInfoResolver();

        Assert.False(resolver.TryGetValidatableTypeInfo(typeof(NothingToValidate), out _));
        Assert.False(resolver.TryGetValidatableTypeInfo(typeof(string), out _));
        Assert.False(resolver.TryGetValidatableTypeInfo(typeof(HttpContext), out _));
    }

    [Fact]
    public void ARecordWithAttributesOnItsParameters_IsValidatable()
    {
        var resolver = new ReflectionValidatableInfoResolver();

        Assert.True(resolver.TryGetValidatableTypeInfo(typeof(TestLine), out var info));
        Assert.IsAssignableFrom<ValidatableTypeInfo>(info);
    }

    [Fact]
    public async Task ASelfReferencingType_IsValidatedDownTheChain()
    {
        var options = new ValidationOptions();
        options.Resolvers.Add(new ReflectionValidatableInfoResolver());
        Assert.True(options.TryGetValidatableTypeInfo(typeof(TestNode), out var info));
        var node = new TestNode { Name = "first", Next = new TestNode { Name = null } };
        var context = new ValidateContext
        {
            ValidationOptions = options,
            ValidationContext = new ValidationContext(node),
        };

        await info.ValidateAsync(node, context, CancellationToken.None);

        Assert.Equal(["Next.Name"], context.ValidationErrors!.Keys);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(50)]
    public async Task ABodyNestedDeeperThanTheValidationDepth_IsA400Problem_NotA500(int depth)
    {
        // ASP.NET Core's pipeline throws "Maximum validation depth of 32 exceeded" (a 500) for a valid JSON body that any
        // client can send; the System.Text.Json limit (64) refuses only deeper bodies.
        var api = await InMemoryServer.StartAsync(b => { b.Services.AddValidationByReflection(); b.Services.AddProblemDetails(); },
            app => app.MapPost("/nodes", (TestNode node) => TypedResults.Ok()));
        await using (api)
        {
            var body = "null";
            for (var level = 0; level < depth; level++)
            {
                body = $$"""{"name":"n{{level}}","next":{{body}}}""";
            }

            var exchange = await api.PostAsync("/nodes", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

            Assert.Equal(400, exchange.Status);
            Assert.StartsWith("application/problem+json", exchange.Header("Content-Type"), StringComparison.Ordinal);
            var error = Assert.Single(JsonNode.Parse(exchange.Body)!["errors"]!.AsObject());
            Assert.StartsWith("Next.Next.", error.Key, StringComparison.Ordinal);
            Assert.Contains("nested more than 32 levels deep", error.Value![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheResolverDescribesNoParameters()
    {
        var parameter = typeof(ReflectionValidatableInfoResolverTests).GetMethod(nameof(Handler), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetParameters()[0];

        Assert.False(new ReflectionValidatableInfoResolver().TryGetValidatableParameterInfo(parameter, out _));
    }

    private static void Handler([Range(1, 2)] int value) => _ = value;

    // The one AddValidation() call of this project: the generator intercepts it (a second call site in another file
    // makes the .NET 10 generator fail with a duplicate hint name).
    private static void AddGeneratedValidation(WebApplicationBuilder builder)
    {
        builder.Services.AddValidation();
        builder.Services.AddProblemDetails();
    }

    private static void MapEmployees(WebApplication app) =>
        app.MapPost("/employees", (TestEmployee employee) => TypedResults.Ok(new { employee.Label, employee.Level }));

    private static void MapOrders(WebApplication app) =>
        app.MapPost("/orders", (TestOrder order) => TypedResults.Created("/orders/1", order));

    private static string WithoutTraceId(string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
