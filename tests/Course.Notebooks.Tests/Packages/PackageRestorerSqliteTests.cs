using System.Data.Common;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Course.Notebooks.Packages;
using Xunit.Abstractions;

namespace Course.Notebooks.Tests.Packages;

/// <summary>Tests on one real restore of Microsoft.Data.Sqlite 10.0.15 (see <see cref="SqliteRestoreFixture"/>).</summary>
public sealed class PackageRestorerSqliteTests(SqliteRestoreFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteRestoreFixture>
{
    private static readonly string NativeFileName =
        OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so";

    [Fact]
    public void Restore_Sqlite_GivesRuntimeAssembliesOfTheWholeClosure()
    {
        output.WriteLine($"cold restore (two concurrent callers): {fixture.ColdElapsed.TotalMilliseconds:0} ms");
        var result = fixture.Restored;
        Assert.False(result.FromCache);
        var names = result.Assemblies.Select(Path.GetFileName).ToList();
        Assert.Contains("Microsoft.Data.Sqlite.dll", names);
        Assert.Contains("SQLitePCLRaw.core.dll", names);
        Assert.Contains("SQLitePCLRaw.provider.e_sqlite3.dll", names);
        Assert.Contains("SQLitePCLRaw.batteries_v2.dll", names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(result.Assemblies, path =>
        {
            Assert.True(Path.IsPathFullyQualified(path), path);
            Assert.True(File.Exists(path), path);
            Assert.DoesNotContain("/ref/", path.Replace('\\', '/'), StringComparison.OrdinalIgnoreCase);
            Assert.NotEqual("_._", Path.GetFileName(path));
        });
    }

    [Fact]
    public void Restore_Sqlite_GivesTheNativeLibraryForThisPlatform()
    {
        var native = Assert.Single(fixture.Restored.NativeLibraries, p => Path.GetFileName(p) == NativeFileName);
        Assert.True(File.Exists(native), native);
        var parts = native.Replace('\\', '/').Split('/');
        Assert.Equal("native", parts[^2]);
        Assert.Equal("runtimes", parts[^4]);
        Assert.Contains(parts[^3], RuntimeIdentifierChain.Current);
        if (RuntimeInformation.RuntimeIdentifier == "linux-x64")
        {
            Assert.EndsWith("/runtimes/linux-x64/native/libe_sqlite3.so", native, StringComparison.Ordinal);
        }
        // Only this platform's files: not the osx, win or other linux builds the package also carries.
        Assert.Single(fixture.Restored.NativeLibraries);
    }

    [Fact]
    public void Restore_Sqlite_NativeLibraryLoads()
    {
        var native = Assert.Single(fixture.Restored.NativeLibraries);
        var handle = NativeLibrary.Load(native);
        try
        {
            var version = Marshal.GetDelegateForFunctionPointer<VersionNumber>(NativeLibrary.GetExport(handle, "sqlite3_libversion_number"))();
            Assert.True(version >= 3_000_000, $"sqlite3_libversion_number() = {version}");
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    [Fact]
    public void Restore_Sqlite_AssembliesRunAQueryInTheirOwnLoadContext()
    {
        var context = new PackageLoadContext(fixture.Restored);
        var sqlite = context.LoadFromAssemblyPath(fixture.Restored.Assemblies.Single(a => Path.GetFileName(a) == "Microsoft.Data.Sqlite.dll"));
        var connectionType = sqlite.GetType("Microsoft.Data.Sqlite.SqliteConnection", throwOnError: true)!;
        using var connection = (DbConnection)Activator.CreateInstance(connectionType, "Data Source=:memory:")!;
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select sqlite_version()";
        var version = Assert.IsType<string>(command.ExecuteScalar());
        Assert.StartsWith("3.", version);
        Assert.Contains(context.LoadedNatives, n => Path.GetFileName(n) == NativeFileName);
    }

    [Fact]
    public void Restore_TwoConcurrentCallsForOneKey_RunDotnetOnce()
    {
        Assert.Single(fixture.Results, r => !r.FromCache);
        Assert.Equal(1, fixture.Loggers.Sum(l => l.Count("running dotnet restore")));
        Assert.Equal(1, fixture.Loggers.Sum(l => l.Count("cache hit")));
        Assert.Equal(fixture.Results[0].Assemblies, fixture.Results[1].Assemblies);
        Assert.Equal(fixture.Results[0].NativeLibraries, fixture.Results[1].NativeLibraries);
    }

    [Fact]
    public void Restore_WritesAnIsolatedExactVersionProject()
    {
        var folder = Assert.Single(Directory.GetDirectories(fixture.CacheDirectory));
        var project = File.ReadAllText(Path.Combine(folder, "restore.csproj"));
        Assert.Contains("""<PackageReference Include="Microsoft.Data.Sqlite" Version="[10.0.15]" />""", project);
        Assert.Contains("""<FrameworkReference Include="Microsoft.AspNetCore.App" />""", project);
        Assert.Contains("<ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>", project);
        foreach (var name in (string[])["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"])
        {
            Assert.Equal("<Project />", File.ReadAllText(Path.Combine(folder, name)).Trim());
        }
        Assert.True(File.Exists(Path.Combine(folder, "resolved.json")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public async Task Restore_SecondTime_HitsCacheWithoutStartingDotnet()
    {
        var logger = new ListLogger();
        // A dotnet that does not exist: starting any process would fail the restore.
        var restorer = new PackageRestorer(
            new PackageRestorerOptions { CacheDirectory = fixture.CacheDirectory, DotnetPath = "/nonexistent/dotnet" }, logger);

        var times = new List<double>();
        RestoreResult? result = null;
        for (var i = 0; i < 5; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            result = await restorer.RestoreAsync([new("microsoft.data.sqlite", " 10.0.15 ")], CancellationToken.None);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"cache hits: {string.Join(", ", times.Select(t => $"{t:0.00} ms"))}");

        Assert.NotNull(result);
        Assert.True(result.FromCache);
        Assert.Equal(fixture.Restored.Assemblies, result.Assemblies);
        Assert.Equal(fixture.Restored.NativeLibraries, result.NativeLibraries);
        Assert.Equal(5, logger.Count("cache hit"));
        Assert.False(logger.Contains("running dotnet restore"));
        Assert.True(times.Skip(1).Min() < 50, $"a warm cache hit took {times.Skip(1).Min():0.0} ms");
    }

    private delegate int VersionNumber();

    /// <summary>Resolves managed and native dependencies from a restore, as a notebook engine would.</summary>
    private sealed class PackageLoadContext(RestoreResult restore) : AssemblyLoadContext("restored-packages")
    {
        public List<string> LoadedNatives { get; } = [];

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = restore.Assemblies.FirstOrDefault(a =>
                string.Equals(Path.GetFileNameWithoutExtension(a), assemblyName.Name, StringComparison.OrdinalIgnoreCase));
            return path is null ? null : LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = restore.NativeLibraries.FirstOrDefault(n =>
            {
                var stem = Path.GetFileNameWithoutExtension(n);
                return stem == unmanagedDllName || stem == "lib" + unmanagedDllName;
            });
            if (path is null)
            {
                return IntPtr.Zero;
            }
            LoadedNatives.Add(path);
            return LoadUnmanagedDllFromPath(path);
        }
    }
}
