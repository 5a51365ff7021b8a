using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Course.Notebooks.Execution;

/// <summary>
/// Resolves a cell's <c>#r</c> directives exactly as strictly as the Polyglot kernel:
/// <list type="bullet">
/// <item><c>#r "relative/path.dll"</c> → a file, relative to the notebook's folder;</item>
/// <item><c>#r "AssemblyName"</c> → an assembly of the installed shared frameworks (the process's
/// trusted platform assemblies). <c>Microsoft.AspNetCore.App</c> is a framework, not an assembly,
/// so it does not resolve (CS0006), as in Polyglot.</item>
/// </list>
/// Missing dependencies of referenced assemblies resolve from the frameworks, from the folder of
/// the assembly that needs them, or from restored packages. (<c>#r "nuget: …"</c> directives never
/// reach the compiler: the engine restores them and adds <see cref="PackageReferences"/> itself.)
/// </summary>
internal sealed class CellReferenceResolver : MetadataReferenceResolver
{
    private readonly string _baseDirectory;
    private readonly IReadOnlyDictionary<string, string> _platformAssemblies;
    private readonly ConcurrentDictionary<string, PortableExecutableReference> _references = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _packageAssemblies = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _twinOriginals = new(StringComparer.Ordinal);


    public CellReferenceResolver(string baseDirectory)
    {
        _baseDirectory = baseDirectory;
        _platformAssemblies = ReadTrustedPlatformAssemblies();
    }

    public override bool ResolveMissingAssemblies => true;

    /// <summary>Every assembly restored from NuGet so far in this session.</summary>
    public ImmutableArray<PortableExecutableReference> PackageReferences { get; private set; } = [];

    /// <summary>Makes the assemblies of a restore available to the cell's <c>#r "nuget: …"</c> directives.</summary>
    public void AddPackageAssemblies(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (_platformAssemblies.ContainsKey(name))
            {
                continue; // The shared framework already provides it (and the process has it loaded).
            }
            _packageAssemblies[name] = path;
        }
        PackageReferences = [.. _packageAssemblies.Values.Order(StringComparer.Ordinal).Select(GetPreferringTwin)];
    }

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (LooksLikePath(reference))
        {
            var path = Path.GetFullPath(Path.Combine(_baseDirectory, reference));
            return File.Exists(path) ? [GetPreferringTwin(path)] : [];
        }
        return _platformAssemblies.TryGetValue(reference, out var platformPath) ? [GetReference(platformPath)] : [];
    }

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity)
    {
        var name = referenceIdentity.Name;
        if (_platformAssemblies.TryGetValue(name, out var platformPath))
        {
            return GetReference(platformPath);
        }
        if (definition is PortableExecutableReference { FilePath: { } definitionPath })
        {
            // Beside the package's own file, not beside its precompiled twin (whose folder has the engine's versions).
            var folder = Path.GetDirectoryName(_twinOriginals.GetValueOrDefault(definitionPath, definitionPath))!;
            var besideIt = Path.Combine(folder, name + ".dll");
            if (File.Exists(besideIt))
            {
                return GetReference(besideIt);
            }
        }
        return _packageAssemblies.TryGetValue(name, out var packagePath) ? GetPreferringTwin(packagePath) : null;
    }

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => _baseDirectory.GetHashCode(StringComparison.Ordinal);

    private PortableExecutableReference GetReference(string path) =>
        _references.GetOrAdd(path, p => MetadataReference.CreateFromFile(p));

    // The ReadyToRun twin, when the engine has the same assembly precompiled (see PrecompiledTwins). A package's files never
    // change once restored; a file referenced by path (the course library) is read once per session, like every reference.
    private PortableExecutableReference GetPreferringTwin(string path)
    {
        var twin = PrecompiledTwins.Prefer(path);
        if (twin != path)
        {
            _twinOriginals[twin] = path;
        }
        return GetReference(twin);
    }

    private static bool LooksLikePath(string reference) =>
        reference.Contains('/') || reference.Contains('\\') ||
        reference.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ||
        reference.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> ReadTrustedPlatformAssemblies()
    {
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            result.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }
        return result;
    }
}
