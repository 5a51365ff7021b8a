using Course.Notebooks.Tests.Infrastructure;
using System.Runtime.InteropServices;
using Course.Notebooks.Packages;

namespace Course.Notebooks.Tests.Packages;

/// <summary>Everything about the restorer that needs no dotnet restore: keys, RIDs, defaults, assets, cache entries.</summary>
public sealed class PackageRestorerOfflineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CacheKey_IgnoresOrderAndCaseOfPackageIds()
    {
        var a = PackageCache.ComputeKey("net10.0", "linux-x64", ["Microsoft.AspNetCore.App"],
            [new("Microsoft.Data.Sqlite", "10.0.15"), new("Humanizer.Core", "2.14.1")]);
        var b = PackageCache.ComputeKey("net10.0", "linux-x64", ["microsoft.aspnetcore.app"],
            [new("humanizer.core", "2.14.1"), new("MICROSOFT.DATA.SQLITE", "10.0.15")]);
        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{20}$", a);
    }

    [Fact]
    public void CacheKey_ChangesWithVersionFrameworkRidAndFrameworkReferences()
    {
        PackageReference[] sqlite = [new("Microsoft.Data.Sqlite", "10.0.15")];
        var keys = new[]
        {
            PackageCache.ComputeKey("net10.0", "linux-x64", ["Microsoft.AspNetCore.App"], sqlite),
            PackageCache.ComputeKey("net10.0", "linux-x64", ["Microsoft.AspNetCore.App"], [new("Microsoft.Data.Sqlite", "10.0.14")]),
            PackageCache.ComputeKey("net9.0", "linux-x64", ["Microsoft.AspNetCore.App"], sqlite),
            PackageCache.ComputeKey("net10.0", "osx-arm64", ["Microsoft.AspNetCore.App"], sqlite),
            PackageCache.ComputeKey("net10.0", "linux-x64", [], sqlite),
            PackageCache.ComputeKey("net10.0", "linux-x64", ["Microsoft.AspNetCore.App"], [.. sqlite, new("Humanizer.Core", "2.14.1")]),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Theory]
    [InlineData("linux-x64", true, "linux-x64 linux unix any")]
    [InlineData("linux-arm64", true, "linux-arm64 linux unix any")]
    [InlineData("linux-musl-x64", true, "linux-musl-x64 linux-musl linux-x64 linux unix any")]
    [InlineData("osx-arm64", false, "osx-arm64 osx unix any")]
    [InlineData("win-x64", false, "win-x64 win any")]
    [InlineData("ubuntu.24.04-x64", true, "ubuntu.24.04-x64 linux-x64 linux unix any")]
    [InlineData("alpine.3.20-arm64", true, "alpine.3.20-arm64 linux-musl-arm64 linux-musl linux-arm64 linux unix any")]
    public void RidChain_FallsBackAlongPortableRids(string rid, bool isLinux, string expected)
    {
        Assert.Equal(expected.Split(' '), RuntimeIdentifierChain.For(rid, isLinux));
    }

    [Fact]
    public void RidChain_Current_StartsWithTheProcessRid()
    {
        Assert.Equal(RuntimeInformation.RuntimeIdentifier, RuntimeIdentifierChain.Current[0]);
        Assert.Equal("any", RuntimeIdentifierChain.Current[^1]);
    }

    [Fact]
    public void DefaultCacheDirectory_FollowsCourseCacheDirThenXdgThenHome()
    {
        var root = _temp.FullName;
        string? Env(Dictionary<string, string> values, string name) => values.GetValueOrDefault(name);

        Assert.Equal(
            Path.Combine(root, "course-cache", "packages"),
            PackageRestorerOptions.DefaultCacheDirectory(n => Env(new() { ["COURSE_CACHE_DIR"] = Path.Combine(root, "course-cache"), ["XDG_CACHE_HOME"] = "/xdg" }, n), isWindows: false));
        Assert.Equal(
            Path.Combine("/xdg", "course", "packages"),
            PackageRestorerOptions.DefaultCacheDirectory(n => Env(new() { ["XDG_CACHE_HOME"] = "/xdg", ["HOME"] = "/home/learner" }, n), isWindows: false));
        Assert.Equal(
            Path.Combine("/home/learner", ".cache", "course", "packages"),
            PackageRestorerOptions.DefaultCacheDirectory(n => Env(new() { ["XDG_CACHE_HOME"] = "relative/ignored", ["HOME"] = "/home/learner" }, n), isWindows: false));
        Assert.EndsWith(
            Path.Combine("course", "packages"),
            PackageRestorerOptions.DefaultCacheDirectory(_ => null, isWindows: true));
    }

    [Fact]
    public void DefaultDotnetPath_PrefersCourseDotnetThenAnExistingHostPath()
    {
        Dictionary<string, string> env = new() { ["COURSE_DOTNET"] = "/opt/dotnet/dotnet", ["DOTNET_HOST_PATH"] = "/usr/bin/dotnet" };
        Assert.Equal("/opt/dotnet/dotnet", PackageRestorerOptions.DefaultDotnetPath(n => env.GetValueOrDefault(n), _ => true));

        env.Remove("COURSE_DOTNET");
        Assert.Equal("/usr/bin/dotnet", PackageRestorerOptions.DefaultDotnetPath(n => env.GetValueOrDefault(n), _ => true));
        Assert.Equal("dotnet", PackageRestorerOptions.DefaultDotnetPath(n => env.GetValueOrDefault(n), _ => false));
    }

    [Fact]
    public void Options_HaveTheDocumentedDefaults()
    {
        var options = new PackageRestorerOptions();
        Assert.Equal("net10.0", options.TargetFramework);
        Assert.Equal(["Microsoft.AspNetCore.App"], options.FrameworkReferences);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Timeout);
        Assert.Equal(PackageRestorerOptions.DefaultCacheDirectory(), options.CacheDirectory);
    }

    [Fact]
    public void Assets_RidSpecificRuntimeReplacesLib_AndNativePicksTheBestRid()
    {
        var packages = Directory.CreateDirectory(_temp.PathOf("nuget")).FullName;
        Directory.CreateDirectory(Path.Combine(packages, "a.lib", "1.0.0"));
        Directory.CreateDirectory(Path.Combine(packages, "b.native", "2.0.0"));
        Directory.CreateDirectory(Path.Combine(packages, "c.meta", "3.0.0"));
        var assets = _temp.PathOf("project.assets.json");
        File.WriteAllText(assets, $$"""
            {
              "version": 3,
              "targets": {
                "net10.0": {
                  "A.Lib/1.0.0": {
                    "type": "package",
                    "compile": { "ref/net8.0/A.Lib.dll": {} },
                    "runtime": { "lib/net8.0/A.Lib.dll": {} },
                    "runtimeTargets": {
                      "runtimes/unix/lib/net8.0/A.Lib.dll": { "assetType": "runtime", "rid": "unix" },
                      "runtimes/win/lib/net8.0/A.Lib.dll": { "assetType": "runtime", "rid": "win" }
                    }
                  },
                  "B.Native/2.0.0": {
                    "type": "package",
                    "runtime": { "lib/netstandard2.0/_._": {} },
                    "runtimeTargets": {
                      "runtimes/linux/native/libb.so": { "assetType": "native", "rid": "linux" },
                      "runtimes/linux-x64/native/libb.so": { "assetType": "native", "rid": "linux-x64" },
                      "runtimes/linux-x64/native/libb-extra.so": { "assetType": "native", "rid": "linux-x64" },
                      "runtimes/osx/native/libb.dylib": { "assetType": "native", "rid": "osx" }
                    }
                  },
                  "C.Meta/3.0.0": {
                    "type": "package",
                    "dependencies": { "A.Lib": "1.0.0" },
                    "runtime": { "lib/net8.0/C.Meta.dll": {} },
                    "runtimeTargets": {
                      "runtimes/win/lib/net8.0/C.Meta.dll": { "assetType": "runtime", "rid": "win" }
                    }
                  },
                  "Some.Project/1.0.0": { "type": "project", "runtime": { "bin/placeholder/Some.Project.dll": {} } }
                }
              },
              "libraries": {
                "A.Lib/1.0.0": { "type": "package", "path": "a.lib/1.0.0" },
                "B.Native/2.0.0": { "type": "package", "path": "b.native/2.0.0" },
                "C.Meta/3.0.0": { "type": "package", "path": "c.meta/3.0.0" },
                "Some.Project/1.0.0": { "type": "project", "path": "../Some.Project/Some.Project.csproj" }
              },
              "packageFolders": { "{{packages.Replace("\\", "\\\\")}}/": {} }
            }
            """);

        var (linuxAssemblies, linuxNatives) = ProjectAssetsReader.Read(assets, "net10.0", RuntimeIdentifierChain.For("linux-x64", isLinux: true));
        Assert.Equal(
            [
                Path.Combine(packages, "a.lib", "1.0.0", "runtimes", "unix", "lib", "net8.0", "A.Lib.dll"),
                Path.Combine(packages, "c.meta", "3.0.0", "lib", "net8.0", "C.Meta.dll"),
            ],
            linuxAssemblies);
        Assert.Equal(
            [
                Path.Combine(packages, "b.native", "2.0.0", "runtimes", "linux-x64", "native", "libb.so"),
                Path.Combine(packages, "b.native", "2.0.0", "runtimes", "linux-x64", "native", "libb-extra.so"),
            ],
            linuxNatives);

        var (_, armNatives) = ProjectAssetsReader.Read(assets, "net10.0", RuntimeIdentifierChain.For("linux-arm64", isLinux: true));
        Assert.Equal([Path.Combine(packages, "b.native", "2.0.0", "runtimes", "linux", "native", "libb.so")], armNatives);

        var (winAssemblies, winNatives) = ProjectAssetsReader.Read(assets, "net10.0", RuntimeIdentifierChain.For("win-x64", isLinux: false));
        Assert.Equal(
            [
                Path.Combine(packages, "a.lib", "1.0.0", "runtimes", "win", "lib", "net8.0", "A.Lib.dll"),
                Path.Combine(packages, "c.meta", "3.0.0", "runtimes", "win", "lib", "net8.0", "C.Meta.dll"),
            ],
            winAssemblies);
        Assert.Empty(winNatives);

        var (osxAssemblies, osxNatives) = ProjectAssetsReader.Read(assets, "net10.0", RuntimeIdentifierChain.For("osx-arm64", isLinux: false));
        Assert.Contains(Path.Combine(packages, "a.lib", "1.0.0", "runtimes", "unix", "lib", "net8.0", "A.Lib.dll"), osxAssemblies);
        Assert.Equal([Path.Combine(packages, "b.native", "2.0.0", "runtimes", "osx", "native", "libb.dylib")], osxNatives);
    }

    [Fact]
    public void RestoreOutput_KeepsEachNuGetErrorOnceWithoutTheProjectPath()
    {
        string[] output =
        [
            "  Determining projects to restore...",
            "/cache/abc/restore.csproj : error NU1101: Unable to find package Nope.Nope. No packages exist with this id in source(s): nuget.org [/cache/abc/restore.csproj]",
            "/cache/abc/restore.csproj : error NU1102: Unable to find package Microsoft.Data.Sqlite with version (= 10.0.2)",
            "/cache/abc/restore.csproj : error NU1102:   - Found 21 version(s) in nuget.org [ Nearest version: 10.0.4 ]",
            "/cache/abc/restore.csproj : warning NU1603: X 1.0.0 depends on Y (>= 1.0.0) but Y 1.0.0 was not found.",
            "  Failed to restore /cache/abc/restore.csproj (in 430 ms).",
            "/cache/abc/restore.csproj : error NU1101: Unable to find package Nope.Nope. No packages exist with this id in source(s): nuget.org",
        ];
        Assert.Equal(
            [
                "NU1101: Unable to find package Nope.Nope. No packages exist with this id in source(s): nuget.org",
                "NU1102: Unable to find package Microsoft.Data.Sqlite with version (= 10.0.2)",
                "NU1102:   - Found 21 version(s) in nuget.org [ Nearest version: 10.0.4 ]",
            ],
            RestoreOutput.Errors(output));
        Assert.Equal(["NU1603: X 1.0.0 depends on Y (>= 1.0.0) but Y 1.0.0 was not found."], RestoreOutput.Warnings(output));
    }

    [Fact]
    public async Task Restore_NoPackages_ReturnsEmptyWithoutStartingDotnet()
    {
        var restorer = new PackageRestorer(new() { CacheDirectory = _temp.PathOf("cache"), DotnetPath = "/nonexistent/dotnet" });
        var result = await restorer.RestoreAsync([], CancellationToken.None);
        Assert.Empty(result.Assemblies);
        Assert.Empty(result.NativeLibraries);
    }

    [Fact]
    public async Task Restore_TwoVersionsOfOnePackage_IsRefusedWithoutStartingDotnet()
    {
        var restorer = new PackageRestorer(new() { CacheDirectory = _temp.PathOf("cache"), DotnetPath = "/nonexistent/dotnet" });
        var error = await Assert.ThrowsAsync<PackageRestoreException>(() => restorer.RestoreAsync(
            [new("Microsoft.Data.Sqlite", "10.0.15"), new("microsoft.data.sqlite", "10.0.14")], CancellationToken.None));
        Assert.Contains("two versions", error.Message);
        Assert.False(Directory.Exists(_temp.PathOf("cache")));
    }

    [Fact]
    public async Task Restore_InvalidReference_IsAnArgumentError()
    {
        var restorer = new PackageRestorer(new() { CacheDirectory = _temp.PathOf("cache"), DotnetPath = "/nonexistent/dotnet" });
        await Assert.ThrowsAsync<ArgumentException>(() => restorer.RestoreAsync([new("Foo\" Evil=\"1", "1.0.0")], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => restorer.RestoreAsync([new("Foo", "1.*")], CancellationToken.None));
    }

    [Fact]
    public async Task Restore_CacheEntryListingAMissingFile_IsNotTrusted()
    {
        var (restorer, resolved, logger) = WithCacheEntry(
            $$"""{ "format": 1, "assemblies": ["{{Escape(_temp.PathOf("gone.dll"))}}"], "nativeLibraries": [] }""");

        // A miss must start dotnet, which does not exist here: that failure proves the entry was not used.
        var error = await Assert.ThrowsAsync<PackageRestoreException>(() => restorer.RestoreAsync([new("Foo", "1.0.0")], CancellationToken.None));
        Assert.Contains("could not start", error.Message);
        Assert.Contains("/nonexistent/dotnet", error.Message);
        Assert.True(logger.Contains("no longer exists"));
        Assert.True(logger.Contains("running dotnet restore"));
        Assert.True(File.Exists(resolved), "a failed restore leaves the old entry alone");
    }

    [Fact]
    public async Task Restore_CorruptCacheEntry_IsNotTrusted()
    {
        var (restorer, _, logger) = WithCacheEntry("{ \"format\": 1, \"assemblies\": [");
        await Assert.ThrowsAsync<PackageRestoreException>(() => restorer.RestoreAsync([new("Foo", "1.0.0")], CancellationToken.None));
        Assert.True(logger.Contains("running dotnet restore"));
        Assert.False(logger.Contains("cache hit"));
    }

    [Fact]
    public async Task Restore_ValidCacheEntry_IsReturnedWithoutStartingDotnet()
    {
        var dll = _temp.PathOf("Foo.dll");
        var so = _temp.PathOf("libfoo.so");
        File.WriteAllText(dll, "");
        File.WriteAllText(so, "");
        var (restorer, _, logger) = WithCacheEntry(
            $$"""{ "format": 1, "assemblies": ["{{Escape(dll)}}"], "nativeLibraries": ["{{Escape(so)}}"] }""");

        var result = await restorer.RestoreAsync([new("foo", "1.0.0")], CancellationToken.None);
        Assert.True(result.FromCache);
        Assert.Equal([dll], result.Assemblies);
        Assert.Equal([so], result.NativeLibraries);
        Assert.True(logger.Contains("cache hit"));
        Assert.False(logger.Contains("running dotnet restore"));
    }

    [Fact]
    public async Task Restore_UnusableCacheDirectory_IsAPackageRestoreException()
    {
        var notAFolder = _temp.PathOf("a-file");
        File.WriteAllText(notAFolder, "");
        var restorer = new PackageRestorer(new() { CacheDirectory = notAFolder, DotnetPath = "/nonexistent/dotnet" });
        var error = await Assert.ThrowsAsync<PackageRestoreException>(() => restorer.RestoreAsync([new("Foo", "1.0.0")], CancellationToken.None));
        Assert.Contains("could not use the package cache folder", error.Message);
    }

    private (PackageRestorer Restorer, string ResolvedPath, ListLogger Logger) WithCacheEntry(string resolvedJson)
    {
        var options = new PackageRestorerOptions { CacheDirectory = _temp.PathOf("cache"), DotnetPath = "/nonexistent/dotnet" };
        var key = PackageCache.ComputeKey(options.TargetFramework, RuntimeInformation.RuntimeIdentifier, options.FrameworkReferences, [new("Foo", "1.0.0")]);
        var folder = Directory.CreateDirectory(Path.Combine(options.CacheDirectory, key)).FullName;
        var resolved = Path.Combine(folder, PackageCache.ResolvedFileName);
        File.WriteAllText(resolved, resolvedJson);
        var logger = new ListLogger();
        return (new PackageRestorer(options, logger), resolved, logger);
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\");
}
