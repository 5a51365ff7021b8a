namespace Course.Hosting;

/// <summary>
/// The NuGet global packages folder — the cache every project on the machine restores into, one folder per package
/// and one subfolder per version, side by side (Python's closest match is a pip cache shared by every virtual environment).
/// </summary>
public static class NuGetCache
{
    /// <summary>
    /// The cache's folder: <c>NUGET_PACKAGES</c> when that variable is set, otherwise <c>~/.nuget/packages</c>
    /// (a <c>globalPackagesFolder</c> in a NuGet.Config can move it too; <c>dotnet nuget locals global-packages -l</c> says where).
    /// </summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The folder of package <paramref name="packageId"/> in the cache (NuGet writes package ids in lower case).</summary>
    public static string PackageFolder(string packageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packageId);
        return Path.Combine(Folder, packageId.ToLowerInvariant());
    }

    /// <summary>The versions of <paramref name="packageId"/> in the cache, in order; none when it was never restored here.</summary>
    public static IReadOnlyList<string> Versions(string packageId)
    {
        var folder = PackageFolder(packageId);
        return Directory.Exists(folder)
            ? [.. Directory.GetDirectories(folder).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>One line for a notebook: the package's folder in the cache and the versions it holds.</summary>
    public static string Describe(string packageId)
    {
        var versions = Versions(packageId);
        return $"{PackageFolder(packageId)}: " +
            (versions.Count == 0 ? "not in the cache (restored elsewhere, or not yet)" : $"versions {string.Join(", ", versions)}, side by side");
    }
}
