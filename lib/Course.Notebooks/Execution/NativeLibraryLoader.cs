using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Course.Notebooks.Execution;

/// <summary>
/// Lets assemblies restored from NuGet find their native libraries (SQLite's <c>e_sqlite3</c>, for
/// example), which live under <c>runtimes/&lt;rid&gt;/native/</c> in the package, not beside the
/// managed assembly. Roslyn loads script references into load contexts of its own, so the loader
/// watches every load context that appears and answers for it when the runtime's own probing fails.
/// </summary>
internal sealed class NativeLibraryLoader
{
    private readonly ConcurrentDictionary<string, string> _libraries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AssemblyLoadContext, bool> _hooked = new();

    public NativeLibraryLoader()
    {
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Hook(AssemblyLoadContext.GetLoadContext(e.LoadedAssembly));
        foreach (var context in AssemblyLoadContext.All)
        {
            Hook(context);
        }
    }

    public void Add(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            _libraries[LibraryName(Path.GetFileName(path))] = path;
        }
    }

    private void Hook(AssemblyLoadContext? context)
    {
        if (context is not null && _hooked.TryAdd(context, true))
        {
            context.ResolvingUnmanagedDll += Resolve;
        }
    }

    private IntPtr Resolve(Assembly assembly, string name) =>
        _libraries.TryGetValue(LibraryName(name), out var path) && NativeLibrary.TryLoad(path, out var handle)
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
