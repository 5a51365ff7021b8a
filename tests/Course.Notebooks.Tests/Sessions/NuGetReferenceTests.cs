using Course.Notebooks.Sessions;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Sessions;

/// <summary>
/// <c>#r "nuget: Id, Version"</c> restores for real into a cache of the test's own; a cache hit starts
/// no process (proved by giving the second session a <c>dotnet</c> that does not exist).
/// </summary>
public sealed class NuGetReferenceTests : IDisposable
{
    private readonly TempDirectory _cache = new();

    private Dictionary<string, string?> Environment(string? dotnet = null) => new()
    {
        ["COURSE_CACHE_DIR"] = _cache.FullName,
        ["COURSE_DOTNET"] = dotnet,
    };

    [Fact]
    public async Task TestHost_RunsAnInMemoryServer_WithACellRecordAsTheJsonBodyType()
    {
        await using var session = await TestSessions.StartAsync(environment: Environment());
        await session.RunOkAsync("""
            #r "Microsoft.AspNetCore"
            #r "nuget: Microsoft.AspNetCore.TestHost, 10.0.15"
            #r "System.Net.Http.Json"
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.TestHost;
            using Microsoft.Extensions.Logging;
            using System.Net.Http;
            using System.Net.Http.Json;
            """);
        await session.RunOkAsync("public record Todo(int Id, string Title);");

        var result = await session.RunOkAsync("""
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapPost("/todos", (Todo todo) =>
            {
                Console.WriteLine($"handling {todo.Title}");
                return todo with { Id = 42 };
            });
            await app.StartAsync();
            var response = await app.GetTestClient().PostAsJsonAsync("/todos", new Todo(0, "learn"));
            var created = await response.Content.ReadFromJsonAsync<Todo>();
            await app.StopAsync();
            created
            """);

        Assert.Equal("Todo { Id = 42, Title = learn }", result.Result);
        Assert.Contains("handling learn", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_LoadsItsNativeLibrary_AndASecondSessionHitsTheCacheWithoutDotnet()
    {
        const string cell = """
            #r "nuget: Microsoft.Data.Sqlite, 10.0.15"
            using Microsoft.Data.Sqlite;
            var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            var command = connection.CreateCommand();
            command.CommandText = "select sqlite_version()";
            command.ExecuteScalar()
            """;
        await using (var first = await TestSessions.StartAsync(environment: Environment()))
        {
            var restored = await first.RunOkAsync(cell);
            Assert.Matches(@"^3\.\d+\.\d+$", restored.Result);
        }

        await using var second = await TestSessions.StartAsync(environment: Environment(dotnet: "/nonexistent/dotnet"));
        var cached = await second.RunOkAsync(cell);

        Assert.Matches(@"^3\.\d+\.\d+$", cached.Result);
    }

    /// <summary>
    /// The course library uses SQLite but is built without its native library, so the engine (which ships the
    /// library) finds SQLite only where Polyglot's kernel does: through the notebook's own NuGet reference.
    /// </summary>
    [Fact]
    public async Task CourseLibraryDatabase_NeedsTheNotebooksSqliteReference_AndSaysSo()
    {
        var setup = $"#r \"Microsoft.AspNetCore\"\n#r \"{Repository.CourseLibrary}\"\nusing Course.Pagination;";
        const string use = "var catalog = await Catalog.CreateAsync(3);\nvar context = catalog.NewContext();\ncontext.Products.Count()";

        await using (var without = await TestSessions.StartAsync(environment: Environment()))
        {
            await without.RunOkAsync(setup);
            var failed = await without.RunAsync(use);
            Assert.Contains("#r \"nuget: Microsoft.EntityFrameworkCore.Sqlite, 10.0.", failed.Error?.Message, StringComparison.Ordinal);
        }

        await using var with = await TestSessions.StartAsync(environment: Environment());
        await with.RunOkAsync("#r \"nuget: Microsoft.EntityFrameworkCore.Sqlite, 10.0.15\"\n" + setup);
        var counted = await with.RunOkAsync(use);
        Assert.Equal("3", counted.Result);
    }

    [Fact]
    public async Task UnknownPackage_IsAClearDirectiveError_AndDoesNotSpoilLaterRestores()
    {
        await using var session = await TestSessions.StartAsync(environment: Environment());

        var result = await session.RunAsync("#r \"nuget: No.Such.Package.Course, 1.0.0\"");
        var later = await session.RunAsync("#r \"nuget: Microsoft.AspNetCore.TestHost, 10.0.15\"\n#r \"Microsoft.AspNetCore\"\ntypeof(Microsoft.AspNetCore.TestHost.TestServer).Name");

        Assert.Equal(ErrorKind.Directive, result.Error?.Kind);
        Assert.Contains("No.Such.Package.Course", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("TestServer", later.Result);

        var otherVersion = await session.RunAsync("#r \"nuget: Microsoft.AspNetCore.TestHost, 10.0.14\"");
        Assert.Contains("already loaded", otherVersion.Error!.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _cache.Dispose();
}
