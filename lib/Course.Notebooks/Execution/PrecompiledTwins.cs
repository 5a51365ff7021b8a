using System.Collections.Concurrent;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Course.Notebooks.Execution;

/// <summary>
/// Finds the ReadyToRun twin of a NuGet package assembly or of the course library. The course command is published
/// ReadyToRun, so its folder holds precompiled copies of the course library and of the packages it uses (EF Core, SQLite,
/// TestHost); the package cache and <c>lib/Course.Lib/bin</c> hold only IL, which the JIT compiles on first use (about a
/// second for EF Core's first query). A twin is used only
/// when it is the same assembly — the same module version id, so the same IL and metadata — with native code added:
/// what a cell compiles against and runs is identical, it only starts sooner.
/// </summary>
internal static class PrecompiledTwins
{
    private static readonly ConcurrentDictionary<(string Path, string Directory), string> s_chosen = new();

    /// <summary>The precompiled twin of the assembly <paramref name="path"/> in the engine's own folder, or <paramref name="path"/>.</summary>
    public static string Prefer(string path) => Prefer(path, AppContext.BaseDirectory, IsPrecompiled);

    /// <summary>The twin of <paramref name="path"/> in <paramref name="directory"/> when it is the same assembly, precompiled; else <paramref name="path"/>.</summary>
    internal static string Prefer(string path, string directory, Func<string, bool> isPrecompiled) =>
        s_chosen.GetOrAdd((path, directory), key =>
        {
            var twin = Path.Combine(key.Directory, Path.GetFileName(key.Path));
            return File.Exists(twin) && Path.GetFullPath(twin) != Path.GetFullPath(key.Path)
                && ModuleVersionId(twin) is { } id && id == ModuleVersionId(key.Path) && isPrecompiled(twin)
                ? twin
                : key.Path;
        });

    /// <summary>True when the assembly carries ReadyToRun native code beside its IL.</summary>
    internal static bool IsPrecompiled(string path) =>
        ReadHeaders(path, reader => reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 });

    /// <summary>The assembly's module version id, which changes whenever its IL or metadata does; null when unreadable.</summary>
    internal static Guid? ModuleVersionId(string path)
    {
        Guid? id = null;
        ReadHeaders(path, reader =>
        {
            var metadata = reader.GetMetadataReader();
            id = metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
            return true;
        });
        return id;
    }

    private static bool ReadHeaders(string path, Func<PEReader, bool> read)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            return reader.HasMetadata && read(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            return false;
        }
    }
}
