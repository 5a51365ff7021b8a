using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Course.Notebooks.Packages;

namespace Course.Notebooks.Execution;

/// <summary>
/// Loads what NuGet restored, the way a normal application would: every package assembly once, into
/// the default load context (so <c>Type.GetType("…, SQLitePCLRaw.batteries_v2")</c> inside a package
/// finds its sibling), and native libraries from the package's <c>runtimes/&lt;rid&gt;/native/</c>
/// folder, which the runtime's own probing never looks at. Roslyn loads script references into load
/// contexts of its own; they fall back to the default context, and the native resolver is attached to
/// every context that appears.
/// </summary>
internal sealed class PackageLoader
{
    private readonly ConcurrentDictionary<string, string> _assemblies = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _nativeLibraries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AssemblyLoadContext, bool> _hooked = new();

    public PackageLoader()
    {
        AssemblyLoadContext.Default.Resolving += LoadPackageAssembly;
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => HookNativeResolution(AssemblyLoadContext.GetLoadContext(e.LoadedAssembly));
        foreach (var context in AssemblyLoadContext.All)
        {
            HookNativeResolution(context);
        }
    }

    public void Add(RestoreResult restore)
    {
        foreach (var path in restore.Assemblies)
        {
            _assemblies[Path.GetFileNameWithoutExtension(path)] = path;
        }
        foreach (var path in restore.NativeLibraries)
        {
            _nativeLibraries[LibraryName(Path.GetFileName(path))] = path;
        }
    }

    private Assembly? LoadPackageAssembly(AssemblyLoadContext context, AssemblyName name) =>
        name.Name is { } simpleName && _assemblies.TryGetValue(simpleName, out var path)
            ? context.LoadFromAssemblyPath(PrecompiledTwins.Prefer(path))
            : null;

    private void HookNativeResolution(AssemblyLoadContext? context)
    {
        if (context is not null && _hooked.TryAdd(context, true))
        {
            context.ResolvingUnmanagedDll += LoadNativeLibrary;
        }
    }

    private IntPtr LoadNativeLibrary(Assembly assembly, string name) =>
        _nativeLibraries.TryGetValue(LibraryName(name), out var path) && NativeLibrary.TryLoad(path, out var handle)
            ? handle
            : IntPtr.Zero;

    // "libe_sqlite3.so", "e_sqlite3.dll", "libe_sqlite3.dylib" and "e_sqlite3" all name the same library.
    private static string LibraryName(string fileName)
    {
        var name = fileName;
        foreach (var extension in new[] { ".dll", ".so", ".dylib" })
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^extension.Length];
            }
        }
        return name.StartsWith("lib", StringComparison.Ordinal) ? name[3..] : name;
    }
}
