using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Course.Notebooks.Tests.Infrastructure;

/// <summary>Compiles small class libraries for tests that reference a DLL by path.</summary>
internal static class LibraryBuilder
{
    public static string Build(string directory, string assemblyName, string source, params string[] references)
    {
        Directory.CreateDirectory(directory);
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var metadata = new[] { typeof(object).Assembly.Location, Path.Combine(runtime, "System.Runtime.dll") }
            .Concat(references)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source)],
            metadata,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var path = Path.Combine(directory, assemblyName + ".dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return path;
    }
}
