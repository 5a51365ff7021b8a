using Course.Hosting;

namespace Course.Lib.Tests.Hosting;

public class NuGetCacheTests
{
    [Fact]
    public void Versions_OfAPackageThisProjectRestored_IncludeItsVersion()
    {
        // This test project restores xunit's runner through NuGet, so the cache holds it.
        var versions = NuGetCache.Versions("xunit.runner.visualstudio");

        Assert.NotEmpty(versions);
        Assert.EndsWith("versions " + string.Join(", ", versions) + ", side by side", NuGetCache.Describe("xunit.runner.visualstudio"));
    }

    [Fact]
    public void Versions_OfAPackageNeverRestored_AreNone_AndDescribeSaysSo()
    {
        Assert.Empty(NuGetCache.Versions("Course.NoSuchPackage"));
        Assert.EndsWith("not in the cache (restored elsewhere, or not yet)", NuGetCache.Describe("Course.NoSuchPackage"));
        Assert.EndsWith("course.nosuchpackage", NuGetCache.PackageFolder("Course.NoSuchPackage"));
    }
}
