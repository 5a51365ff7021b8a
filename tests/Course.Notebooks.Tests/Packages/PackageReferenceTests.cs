using Course.Notebooks.Packages;

namespace Course.Notebooks.Tests.Packages;

public sealed class PackageReferenceTests
{
    [Theory]
    [InlineData("nuget: Microsoft.AspNetCore.TestHost, 10.0.15", "Microsoft.AspNetCore.TestHost", "10.0.15")]
    [InlineData("nuget:Microsoft.Data.Sqlite,10.0.15", "Microsoft.Data.Sqlite", "10.0.15")]
    [InlineData("  NuGet:   Humanizer.Core ,  2.14.1  ", "Humanizer.Core", "2.14.1")]
    [InlineData("NUGET: Some_Package-Name, 1.0.0-beta.2", "Some_Package-Name", "1.0.0-beta.2")]
    [InlineData("nuget: Foo, 1.2.3.4+build.7", "Foo", "1.2.3.4+build.7")]
    [InlineData("nuget:\tFoo,\t2.0", "Foo", "2.0")]
    public void TryParse_ValidDirective_GivesIdAndVersion(string text, string id, string version)
    {
        Assert.True(PackageReference.TryParse(text, out var reference, out var error), error);
        Assert.Null(error);
        Assert.Equal(new PackageReference(id, version), reference);
    }

    [Theory]
    [InlineData("nuget: Microsoft.Data.Sqlite")]
    [InlineData("nuget: Microsoft.Data.Sqlite,")]
    [InlineData("nuget: Microsoft.Data.Sqlite,   ")]
    public void TryParse_MissingVersion_AsksForOne(string text)
    {
        Assert.False(PackageReference.TryParse(text, out var reference, out var error));
        Assert.Null(reference);
        Assert.Equal("name a version: #r \"nuget: Id, Version\"", error);
    }

    [Theory]
    [InlineData("nuget: Foo, *")]
    [InlineData("nuget: Foo, 1.*")]
    [InlineData("nuget: Foo, 1.0.*")]
    [InlineData("nuget: Foo, *-*")]
    public void TryParse_FloatingVersion_IsRefused(string text)
    {
        Assert.False(PackageReference.TryParse(text, out _, out var error));
        Assert.Contains("floating version", error);
        Assert.Contains("exact version", error);
    }

    [Theory]
    [InlineData("nuget: Foo, [1.0,2.0)")]
    [InlineData("nuget: Foo, [1.0.0]")]
    [InlineData("nuget: Foo, (,2.0]")]
    public void TryParse_VersionRange_IsRefused(string text)
    {
        Assert.False(PackageReference.TryParse(text, out _, out var error));
        Assert.Contains("version range", error);
    }

    [Theory]
    [InlineData("nuget: , 1.0.0")]
    [InlineData("nuget:,1.0.0")]
    [InlineData("nuget:")]
    public void TryParse_EmptyId_IsRefused(string text)
    {
        Assert.False(PackageReference.TryParse(text, out _, out var error));
        Assert.Contains("package id is missing", error);
    }

    [Theory]
    [InlineData("nuget: Foo Bar, 1.0.0")]
    [InlineData("nuget: ../../evil, 1.0.0")]
    [InlineData("nuget: Foo..Bar, 1.0.0")]
    [InlineData("nuget: <Foo/>, 1.0.0")]
    public void TryParse_InvalidId_IsRefused(string text)
    {
        Assert.False(PackageReference.TryParse(text, out _, out var error));
        Assert.Contains("is not a valid package id", error);
    }

    [Theory]
    [InlineData("nuget: Foo, latest")]
    [InlineData("nuget: Foo, v1.0")]
    [InlineData("nuget: Foo, 1.0.0, extra")]
    [InlineData("nuget: Foo, 1.2.3.4.5")]
    public void TryParse_InvalidVersion_IsRefused(string text)
    {
        Assert.False(PackageReference.TryParse(text, out _, out var error));
        Assert.Contains("is not a valid NuGet version", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("System.Text.Json.dll")]
    [InlineData("nuget")]
    [InlineData("nugget: Foo, 1.0.0")]
    [InlineData("#r \"nuget: Foo, 1.0.0\"")]
    public void TryParse_NotANuGetReference_IsRefused(string text)
    {
        Assert.False(PackageReference.TryParse(text, out var reference, out var error));
        Assert.Null(reference);
        Assert.Contains("is not a NuGet reference", error);
    }

    [Theory]
    [InlineData("nuget: Foo")]
    [InlineData("nuget: Foo, *")]
    [InlineData("nuget: Foo Bar, 1.0")]
    [InlineData("garbage\nmore garbage")]
    public void TryParse_Error_IsOneLine(string text)
    {
        Assert.False(PackageReference.TryParse(text, out _, out var error));
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\r', error);
    }
}
