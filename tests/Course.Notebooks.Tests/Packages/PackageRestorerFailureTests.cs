using Course.Notebooks.Tests.Infrastructure;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Course.Notebooks.Packages;

namespace Course.Notebooks.Tests.Packages;

/// <summary>Restores that fail or are stopped: each runs a real dotnet restore, but a short one.</summary>
public sealed class PackageRestorerFailureTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Restore_UnknownPackage_ThrowsWithTheNuGetError()
    {
        var options = new PackageRestorerOptions { CacheDirectory = _temp.PathOf("cache") };
        PackageReference[] packages = [new("Course.Notebooks.NoSuchPackage.Xyz", "1.0.0")];

        var error = await Assert.ThrowsAsync<PackageRestoreException>(
            () => new PackageRestorer(options).RestoreAsync(packages, CancellationToken.None));

        Assert.Contains("NU1101", error.Message);
        Assert.Contains("Course.Notebooks.NoSuchPackage.Xyz", error.Message);
        Assert.Contains(error.Errors, e => e.StartsWith("NU1101: ", StringComparison.Ordinal));
        // The summary, then only the error lines: no MSBuild chatter.
        Assert.DoesNotContain("Determining projects to restore", error.Message);
        Assert.True(error.Message.Split('\n').Length <= 4, error.Message);
        Assert.NotNull(error.Output);
        Assert.False(File.Exists(ResolvedPath(options, packages)));
    }

    [Fact]
    public async Task Restore_Cancelled_ThrowsAndLeavesNoResolvedFile()
    {
        var logger = new ListLogger();
        var options = new PackageRestorerOptions { CacheDirectory = _temp.PathOf("cache") };
        PackageReference[] packages = [new("Microsoft.Extensions.Logging.Abstractions", "10.0.15")];
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new PackageRestorer(options, logger).RestoreAsync(packages, cancellation.Token));

        Assert.True(logger.Contains("running dotnet restore"), "the restore had started");
        Assert.True(logger.Contains("was cancelled"));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {stopwatch.Elapsed}");
        Assert.False(File.Exists(ResolvedPath(options, packages)));
    }

    [Fact]
    public async Task Restore_Timeout_ThrowsAPackageRestoreException()
    {
        var options = new PackageRestorerOptions { CacheDirectory = _temp.PathOf("cache"), Timeout = TimeSpan.FromMilliseconds(200) };
        PackageReference[] packages = [new("Microsoft.Extensions.Logging.Abstractions", "10.0.15")];

        var error = await Assert.ThrowsAsync<PackageRestoreException>(
            () => new PackageRestorer(options).RestoreAsync(packages, CancellationToken.None));

        Assert.Contains("did not finish within 0.2 s", error.Message);
        Assert.False(File.Exists(ResolvedPath(options, packages)));
    }

    private static string ResolvedPath(PackageRestorerOptions options, IReadOnlyList<PackageReference> packages) =>
        Path.Combine(
            options.CacheDirectory,
            PackageCache.ComputeKey(options.TargetFramework, RuntimeInformation.RuntimeIdentifier, options.FrameworkReferences, packages),
            PackageCache.ResolvedFileName);
}
