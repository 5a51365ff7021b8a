using System.Text.Json;
using Course.Notebooks.Execution;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Execution;

public class PrecompiledTwinsTests
{
    private const string Source = "public static class Lamp { public static string Light() => \"on\"; }";

    [Fact]
    public void ThePackageFile_IsReplacedByItsTwin_WhenTheTwinIsTheSameAssemblyPrecompiled()
    {
        using var temp = new TempDirectory();
        var package = LibraryBuilder.Build(temp.PathOf("package"), "Lamps", Source);
        var twin = CopyInto(temp.PathOf("engine"), package);

        Assert.Equal(twin, PrecompiledTwins.Prefer(package, temp.PathOf("engine"), path => path == twin));
    }

    [Fact]
    public void ThePackageFile_IsKept_WhenTheTwinHasNoNativeCode()
    {
        using var temp = new TempDirectory();
        var package = LibraryBuilder.Build(temp.PathOf("package"), "Lamps", Source);
        CopyInto(temp.PathOf("engine"), package);

        Assert.Equal(package, PrecompiledTwins.Prefer(package, temp.PathOf("engine"), PrecompiledTwins.IsPrecompiled));
    }

    [Fact]
    public void ThePackageFile_IsKept_WhenTheFileOfTheSameNameIsAnotherBuild()
    {
        using var temp = new TempDirectory();
        var package = LibraryBuilder.Build(temp.PathOf("package"), "Lamps", Source);
        var other = LibraryBuilder.Build(temp.PathOf("engine"), "Lamps", Source.Replace("\"on\"", "\"off\"", StringComparison.Ordinal));

        Assert.NotEqual(PrecompiledTwins.ModuleVersionId(package), PrecompiledTwins.ModuleVersionId(other));
        Assert.Equal(package, PrecompiledTwins.Prefer(package, temp.PathOf("engine"), _ => true));
    }

    [Fact]
    public void ThePackageFile_IsKept_WhenThereIsNoTwinOrItIsNotAnAssembly()
    {
        using var temp = new TempDirectory();
        var package = LibraryBuilder.Build(temp.PathOf("package"), "Lamps", Source);
        Assert.Equal(package, PrecompiledTwins.Prefer(package, temp.PathOf("nowhere"), _ => true));

        Directory.CreateDirectory(temp.PathOf("engine"));
        File.WriteAllText(Path.Combine(temp.PathOf("engine"), "Lamps.dll"), "not an assembly");
        Assert.Equal(package, PrecompiledTwins.Prefer(package, temp.PathOf("engine"), _ => true));
    }

    [Fact]
    public void IsPrecompiled_TellsReadyToRunFromIlOnly()
    {
        Assert.True(PrecompiledTwins.IsPrecompiled(typeof(JsonSerializer).Assembly.Location)); // the shared framework is ReadyToRun
        Assert.False(PrecompiledTwins.IsPrecompiled(typeof(PrecompiledTwinsTests).Assembly.Location));
    }

    private static string CopyInto(string directory, string file)
    {
        Directory.CreateDirectory(directory);
        var copy = Path.Combine(directory, Path.GetFileName(file));
        File.Copy(file, copy);
        return copy;
    }
}
