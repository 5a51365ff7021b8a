using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Course;

/// <summary>
/// Warns, when a notebook loads the library, that <c>Course.Lib.dll</c> is older than its sources
/// (say, after a <c>git pull</c>): the notebook would otherwise run yesterday's library and its
/// exercises would check against old cases.
/// </summary>
internal static class LibraryFreshness
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The check must run however a notebook first touches the library.")]
    internal static void WarnIfStale()
    {
        if (typeof(LibraryFreshness).Assembly.Location is { Length: > 0 } dll && NewerSource(dll) is { } source)
        {
            // The library's one console write: it speaks to the learner in the cell's output.
            Console.Error.WriteLine(
                $"warning: {Path.GetFileName(dll)} is older than its source {source}. Rebuild it with " +
                "`dotnet build lib/Course.Lib` (./course does it for you), then restart the notebook.");
        }
    }

    /// <summary>
    /// A source file of the library changed after <paramref name="dllPath"/> was built, as a path relative to
    /// the project; null when the DLL is current or is not in the project's own <c>bin</c> folder (a copy).
    /// </summary>
    internal static string? NewerSource(string dllPath)
    {
        var project = Directory.GetParent(Path.GetDirectoryName(dllPath)!);
        if (project is null || !File.Exists(Path.Combine(project.FullName, "Course.Lib.csproj")) || !File.Exists(dllPath))
        {
            return null;
        }
        var built = File.GetLastWriteTimeUtc(dllPath);
        return Directory.EnumerateFiles(project.FullName, "*.cs*", SearchOption.AllDirectories) // .cs and .csproj
            .Where(path => !IsBuildOutput(project.FullName, path) && File.GetLastWriteTimeUtc(path) > built)
            .Select(path => Path.GetRelativePath(project.FullName, path))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static bool IsBuildOutput(string project, string path)
    {
        var first = Path.GetRelativePath(project, path).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }
}
