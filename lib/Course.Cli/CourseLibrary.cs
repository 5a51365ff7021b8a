using System.Text.RegularExpressions;
using Course.Notebooks.Ipynb;

namespace Course.Cli;

/// <summary>
/// The course library that notebooks load by path (<c>#r "../lib/Course.Lib/bin/Course.Lib.dll"</c>). It is a
/// build output, so on a fresh clone, or after someone deleted it, it may not be there yet: the command says so
/// before running anything, rather than letting every cell fail.
/// </summary>
internal static partial class CourseLibrary
{
    public const string FileName = "Course.Lib.dll";

    public const string BuildCommand = "dotnet build lib/Course.Lib";

    /// <summary>The one-line problem when <paramref name="notebook"/> references the course library by a path where there is no file; null otherwise.</summary>
    public static string? Missing(Notebook notebook, CourseLayout layout)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(notebook.Path ?? "notebook.ipynb"))!;
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            foreach (Match reference in PathReference().Matches(cell.Source))
            {
                var dll = Path.GetFullPath(Path.Combine(directory, reference.Groups["path"].Value));
                if (Path.GetFileName(dll).Equals(FileName, StringComparison.OrdinalIgnoreCase) && !File.Exists(dll))
                {
                    return $"{layout.Relative(notebook.Path ?? "notebook")} needs the course library {layout.Relative(dll)}, which is missing: " +
                           $"build it with '{BuildCommand}' in the course folder (./course builds it when it starts)";
                }
            }
        }
        return null;
    }

    /// <summary>True when <paramref name="source"/> (a cell's) references the course library by path.</summary>
    public static bool IsReferencedBy(string source) =>
        PathReference().Matches(source).Any(m => Path.GetFileName(m.Groups["path"].Value).Equals(FileName, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^[ \t]*#r[ \t]+""(?<path>[^""]+)""", RegexOptions.Multiline)]
    private static partial Regex PathReference();
}
