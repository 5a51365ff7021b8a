using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Course.Notebooks.Editing;

/// <summary>
/// Finds the XML documentation of a referenced assembly, for the signatures and docs the kernel shows:
/// beside the DLL (the course library, NuGet packages), else, for the shared frameworks (whose
/// runtime folders have none), in the SDK's reference packs. Files are read when a doc is first asked for.
/// </summary>
internal static class DocumentationFiles
{
    // System.Private.CoreLib has no reference assembly: its public types are documented in the
    // reference assemblies that expose them. These cover what the course uses (Math, string, Task,
    // Thread, List, Span, …).
    private static readonly string[] s_coreLibraryDocs =
    [
        "System.Runtime", "System.Collections", "System.Threading", "System.Threading.Thread", "System.Threading.ThreadPool",
        "System.Memory", "System.Runtime.InteropServices",
    ];

    public static DocumentationProvider For(string assemblyPath)
    {
        if (Path.GetFileNameWithoutExtension(assemblyPath) == "System.Private.CoreLib")
        {
            var paths = s_coreLibraryDocs.Select(name => InReferencePack(Path.Combine(Path.GetDirectoryName(assemblyPath)!, name + ".dll"))).OfType<string>().ToArray();
            return paths.Length == 0 ? DocumentationProvider.Default : new MergedXmlDocumentation(paths);
        }
        var path = Beside(assemblyPath) ?? InReferencePack(assemblyPath);
        return path is null ? DocumentationProvider.Default : XmlDocumentationProvider.CreateFromFile(path);
    }

    private static string? Beside(string assemblyPath)
    {
        var xml = Path.ChangeExtension(assemblyPath, ".xml");
        return File.Exists(xml) ? xml : null;
    }

    // <root>/shared/Microsoft.NETCore.App/10.0.12/System.Linq.dll → <root>/packs/Microsoft.NETCore.App.Ref/10.0.12/ref/net10.0/System.Linq.xml
    private static string? InReferencePack(string assemblyPath)
    {
        var versionDirectory = Path.GetDirectoryName(assemblyPath);
        var frameworkDirectory = versionDirectory is null ? null : Path.GetDirectoryName(versionDirectory);
        var sharedDirectory = frameworkDirectory is null ? null : Path.GetDirectoryName(frameworkDirectory);
        if (sharedDirectory is null || !string.Equals(Path.GetFileName(sharedDirectory), "shared", StringComparison.Ordinal))
        {
            return null;
        }
        var pack = Path.Combine(Path.GetDirectoryName(sharedDirectory)!, "packs", Path.GetFileName(frameworkDirectory) + ".Ref");
        if (!Directory.Exists(pack))
        {
            return null;
        }
        var version = Path.GetFileName(versionDirectory)!;
        var name = Path.GetFileNameWithoutExtension(assemblyPath) + ".xml";
        // The pack of the runtime's own version first, else the newest one installed.
        var candidates = Directory.GetDirectories(pack)
            .OrderByDescending(d => Path.GetFileName(d) == version)
            .ThenByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version());
        return candidates
            .SelectMany(d => Directory.Exists(Path.Combine(d, "ref")) ? Directory.GetDirectories(Path.Combine(d, "ref")) : [])
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
    }

    private sealed class MergedXmlDocumentation(string[] paths) : XmlDocumentationProvider
    {
        private readonly string[] _paths = paths;

        protected override Stream GetSourceStream(CancellationToken cancellationToken)
        {
            var members = _paths.SelectMany(path => XDocument.Load(path).Root?.Element("members")?.Elements("member") ?? []);
            var stream = new MemoryStream();
            new XDocument(new XElement("doc", new XElement("members", members))).Save(stream);
            stream.Position = 0;
            return stream;
        }

        public override bool Equals(object? obj) => obj is MergedXmlDocumentation other && _paths.SequenceEqual(other._paths);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_paths[0]);
    }
}
