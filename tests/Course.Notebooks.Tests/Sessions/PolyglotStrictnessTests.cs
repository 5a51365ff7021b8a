using Course.Notebooks.Sessions;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Sessions;

/// <summary>
/// The engine is exactly as strict as the Polyglot C# kernel (COURSE.md §3): each fact checked in the
/// real kernel fails here the same way without its directive, and works with it.
/// </summary>
public class PolyglotStrictnessTests
{
    [Fact]
    public async Task AspNetCore_WithoutItsReference_FailsWithCS0234_AndWithIt_WebApplicationAndFriendsWork()
    {
        await using var session = await TestSessions.StartAsync();

        var without = await session.RunAsync("var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();");
        var with = await session.RunAsync("""
            #r "Microsoft.AspNetCore"
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;
            var builder = WebApplication.CreateBuilder();
            builder.Services.AddRouting();
            var app = builder.Build();
            app.Use(async (HttpContext context, RequestDelegate next) => await next(context));
            app.MapGet("/", () => "hi");
            app.GetType().Name
            """);

        Assert.Equal("CS0234", without.Error?.Name);
        Assert.Equal(CellStatus.Ok, with.Status);
        Assert.Equal("WebApplication", with.Result);
    }

    [Fact]
    public async Task Results_WithoutItsAssembly_FailsWithCS0103_AndWithIt_Works()
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunOkAsync("#r \"Microsoft.AspNetCore\"\nusing Microsoft.AspNetCore.Http;");

        var without = await session.RunAsync("var ok = Results.Ok();");
        var with = await session.RunAsync("#r \"Microsoft.AspNetCore.Http.Results\"\nResults.Ok().GetType().Name");

        Assert.Equal("CS0103", without.Error?.Name);
        Assert.Equal(CellStatus.Ok, with.Status);
        Assert.StartsWith("Ok", with.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpJson_WithoutItsAssembly_FailsWithCS0234_AndWithIt_Works()
    {
        await using var session = await TestSessions.StartAsync();

        var without = await session.RunAsync("using System.Net.Http.Json;");
        var with = await session.RunAsync("#r \"System.Net.Http.Json\"\nusing System.Net.Http.Json;\ntypeof(HttpClientJsonExtensions).Name");

        Assert.Equal("CS0234", without.Error?.Name);
        Assert.Equal("HttpClientJsonExtensions", with.Result);
    }

    [Fact]
    public async Task SharedFrameworkName_IsNotAnAssembly_CS0006()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("#r \"Microsoft.AspNetCore.App\"");

        Assert.Equal("CS0006", result.Error?.Name);
        Assert.DoesNotContain("dotnet build", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestHost_ByName_IsNotPartOfTheFramework_CS0006()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("#r \"Microsoft.AspNetCore.TestHost\"");

        Assert.Equal("CS0006", result.Error?.Name);
    }

    [Theory]
    [InlineData("var a = new object(); ReferenceEquals(a, a)")]
    [InlineData("var a = new object(); $\"same: {ReferenceEquals(a, a)}\"")]
    [InlineData("Equals(1, 1)")]
    [InlineData("GetType().Name")]
    [InlineData("void Show() => Console.WriteLine(ToString());")]
    public async Task ObjectMembers_Unqualified_AreCS0103_AsWithoutAGlobalsObject(string code)
    {
        await using var session = await TestSessions.StartAsync();

        var run = await session.RunAsync(code);

        Assert.Equal("CS0103", run.Error?.Name);
        Assert.Contains("object.", run.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObjectMembers_Qualified_OrInsideACellsType_Work()
    {
        await using var session = await TestSessions.StartAsync();

        var run = await session.RunAsync("""
            record Point(int X) { public bool Same(Point p) => ReferenceEquals(this, p) && Equals(p); }
            var p = new Point(1);
            $"{object.ReferenceEquals(p, p)} {p.Same(p)} {p.ToString()} {p?.GetHashCode() == p.GetHashCode()}"
            """);

        Assert.Equal(CellStatus.Ok, run.Status);
        Assert.Equal("True True Point { X = 1 } True", run.Result);
    }

    [Fact]
    public async Task Namespace_InACell_IsCS7021()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("namespace Shop { class Cart { } }");

        Assert.Equal("CS7021", result.Error?.Name);
    }

    [Fact]
    public async Task SystemNetHttp_IsNotADefaultImport()
    {
        await using var session = await TestSessions.StartAsync();

        await session.RunOkAsync("#r \"System.Net.Http\"");
        var without = await session.RunAsync("var client = new HttpClient();");
        var with = await session.RunAsync("using System.Net.Http;\nnew HttpClient().GetType().Name");

        Assert.Equal("CS0246", without.Error?.Name);
        Assert.Equal("HttpClient", with.Result);
    }

    [Theory]
    [InlineData("#!time\nvar x = 1;", "#!time")]
    [InlineData("#load \"helpers.csx\"", "#load")]
    [InlineData("#i \"nuget: https://example.org/index.json\"", "#i")]
    public async Task DirectiveOutsideTheRules_IsAClearError(string code, string named)
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync(code);

        Assert.Equal(ErrorKind.Directive, result.Error?.Kind);
        Assert.Contains(named, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NuGetReference_WithoutAVersion_IsAClearError()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("#r \"nuget: Microsoft.AspNetCore.TestHost\"");

        Assert.Equal(ErrorKind.Directive, result.Error?.Kind);
        Assert.Contains("version", result.Error!.Message, StringComparison.OrdinalIgnoreCase);
    }
}
