using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Course.Hosting;
using Course.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Lib.Tests.Validation;

// The same shape as CompiledProduct, declared outside the course library: the library's generated resolver does not know
// it, as it does not know a record declared in a notebook cell.
public sealed record ElsewhereProduct([property: Required, StringLength(40)] string? Name, [property: Range(0.01, 10_000)] decimal Price);

public class CompiledValidationTests
{
    private static readonly object Invalid = new { name = (string?)null, price = 0 };

    [Fact]
    public async Task AddCompiledValidation_ValidatesTheTypeTheGeneratorDescribed_WithA400ValidationProblem()
    {
        await using var server = await InMemoryServer.StartAsync(
            b => { b.Services.AddCompiledValidation(); b.Services.AddProblemDetails(); },
            app => app.MapPost("/compiled", (CompiledProduct product) => TypedResults.Created("/compiled/1", product)));

        var response = await server.PostJsonAsync("/compiled", Invalid);

        Assert.Equal(400, response.Status);
        var errors = JsonNode.Parse(response.Body)!["errors"]!.AsObject();
        Assert.Equal(["Name", "Price"], errors.Select(e => e.Key).Order());
        Assert.Equal(201, (await server.PostJsonAsync("/compiled", new { name = "Lamp", price = 12.5 })).Status);
    }

    [Fact]
    public async Task AddCompiledValidation_DoesNotValidateATypeTheLibrarysGeneratorNeverSaw()
    {
        await using var server = await InMemoryServer.StartAsync(
            b => { b.Services.AddCompiledValidation(); b.Services.AddProblemDetails(); },
            app => app.MapPost("/elsewhere", (ElsewhereProduct product) => TypedResults.Created("/elsewhere/1", product)));

        Assert.Equal(201, (await server.PostJsonAsync("/elsewhere", Invalid)).Status);
    }

    [Fact]
    public async Task AddValidationByReflection_ValidatesBoth()
    {
        await using var server = await InMemoryServer.StartAsync(
            b => { b.Services.AddValidationByReflection(); b.Services.AddProblemDetails(); },
            app =>
            {
                app.MapPost("/compiled", (CompiledProduct product) => TypedResults.Created("/compiled/1", product));
                app.MapPost("/elsewhere", (ElsewhereProduct product) => TypedResults.Created("/elsewhere/1", product));
            });

        Assert.Equal(400, (await server.PostJsonAsync("/compiled", Invalid)).Status);
        Assert.Equal(400, (await server.PostJsonAsync("/elsewhere", Invalid)).Status);
    }
}
