using Course.Notebooks.Sessions;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Sessions;

/// <summary><c>#r "relative/path.dll"</c> resolves against the notebook's folder, as in Polyglot.</summary>
public sealed class ReferenceTests : IDisposable
{
    // A library whose public method needs a second library at run time.
    private const string DependencySource = "public static class Dep { public static string Name => \"dep\"; }";
    private const string GreeterSource = "public static class Greeter { public static string Hello() => \"hello from \" + Dep.Name; }";

    private readonly TempDirectory _course = new();

    private string Notebooks => Directory.CreateDirectory(_course.PathOf("notebooks")).FullName;

    [Fact]
    public async Task RelativeReference_LoadsTheLibrary_AndItsDependencyFromTheSameFolder()
    {
        var dependency = LibraryBuilder.Build(_course.PathOf("lib"), "Dep", DependencySource);
        LibraryBuilder.Build(_course.PathOf("lib"), "Greeter", GreeterSource, dependency);
        await using var session = await TestSessions.StartAsync(Notebooks);

        var result = await session.RunAsync("#r \"../lib/Greeter.dll\"\nGreeter.Hello()");

        Assert.Equal("hello from dep", result.Result);
    }

    [Fact]
    public async Task RelativeReference_WhoseDependencyIsElsewhere_FailsAtTheFirstCall()
    {
        // Like a plain `dotnet build` output referenced from a notebook: its package dependencies are not beside it.
        var dependency = LibraryBuilder.Build(_course.PathOf("elsewhere"), "Dep", DependencySource);
        LibraryBuilder.Build(_course.PathOf("lib"), "Greeter", GreeterSource, dependency);
        await using var session = await TestSessions.StartAsync(Notebooks);

        var result = await session.RunAsync("#r \"../lib/Greeter.dll\"\nGreeter.Hello()");

        Assert.Equal("System.IO.FileNotFoundException", result.Error?.Name);
        Assert.Contains("Dep", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelativeReference_ToAMissingFile_IsCS0006_AndSaysHowToBuildTheLibrary()
    {
        await using var session = await TestSessions.StartAsync(Notebooks);

        var result = await session.RunAsync("#r \"../lib/Missing.dll\"");

        Assert.Equal("CS0006", result.Error?.Name);
        Assert.Contains("dotnet build lib/Course.Lib", result.Error!.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _course.Dispose();
}
