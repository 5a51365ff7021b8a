namespace Course.Notebooks.Packages;

/// <summary>Where and how <see cref="PackageRestorer"/> restores packages.</summary>
public sealed record PackageRestorerOptions
{
    /// <summary>
    /// The folder holding one sub-folder per restored package set. Defaults to
    /// <see cref="DefaultCacheDirectory()"/>.
    /// </summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory();

    /// <summary>
    /// The <c>dotnet</c> executable that runs <c>dotnet restore</c>. Defaults to
    /// <see cref="DefaultDotnetPath()"/>.
    /// </summary>
    public string DotnetPath { get; init; } = DefaultDotnetPath();

    /// <summary>The target framework the packages are restored for.</summary>
    public string TargetFramework { get; init; } = "net10.0";

    /// <summary>
    /// The shared frameworks the notebook process already has. Packages these frameworks contain are
    /// pruned from the dependency graph by the SDK, so their assemblies come from the framework.
    /// </summary>
    public IReadOnlyList<string> FrameworkReferences { get; init; } = ["Microsoft.AspNetCore.App"];

    /// <summary>How long one <c>dotnet restore</c> (including waiting for a concurrent one) may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>$COURSE_CACHE_DIR/packages</c> when that variable is set; else
    /// <c>$XDG_CACHE_HOME/course/packages</c> or <c>~/.cache/course/packages</c>; on Windows
    /// <c>%LOCALAPPDATA%\course\packages</c>.
    /// </summary>
    public static string DefaultCacheDirectory() =>
        DefaultCacheDirectory(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows());

    /// <summary>
    /// <c>$COURSE_DOTNET</c> when set; else <c>$DOTNET_HOST_PATH</c> when set and the file exists (the
    /// SDK sets it for processes it starts); else <c>dotnet</c>, found on the PATH.
    /// </summary>
    public static string DefaultDotnetPath() => DefaultDotnetPath(Environment.GetEnvironmentVariable, File.Exists);

    internal static string DefaultCacheDirectory(Func<string, string?> getEnvironmentVariable, bool isWindows)
    {
        if (NonEmpty(getEnvironmentVariable("COURSE_CACHE_DIR")) is { } courseCache)
        {
            return Path.GetFullPath(Path.Combine(courseCache, "packages"));
        }
        if (isWindows)
        {
            var localAppData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(localAppData, "course", "packages");
        }
        // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
        if (NonEmpty(getEnvironmentVariable("XDG_CACHE_HOME")) is { } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "course", "packages");
        }
        var home = NonEmpty(getEnvironmentVariable("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "course", "packages");
    }

    internal static string DefaultDotnetPath(Func<string, string?> getEnvironmentVariable, Func<string, bool> fileExists)
    {
        if (NonEmpty(getEnvironmentVariable("COURSE_DOTNET")) is { } courseDotnet)
        {
            return courseDotnet;
        }
        if (NonEmpty(getEnvironmentVariable("DOTNET_HOST_PATH")) is { } hostPath && fileExists(hostPath))
        {
            return hostPath;
        }
        return "dotnet";
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
