using System.Text.RegularExpressions;

namespace Course.Cli;

/// <summary>
/// Where the course's notebooks are, and how a learner names one: a path, a file name, or its number
/// (<c>course run 4</c> or <c>04</c> finds <c>notebooks/04-*.ipynb</c>).
/// </summary>
internal sealed partial class CourseLayout(string root)
{
    public string Root { get; } = root;

    public string NotebooksDirectory => Path.Combine(Root, "notebooks");

    /// <summary>What <c>run --all</c> and <c>list</c> say when the course has no notebooks.</summary>
    public string NoNotebooksMessage => $"No notebooks in {Relative(NotebooksDirectory)}/ yet.";

    /// <summary>The course root: <c>COURSE_ROOT</c> if set, else the nearest folder upwards that holds <c>Course.sln</c>, else the current folder.</summary>
    public static CourseLayout Discover()
    {
        if (Environment.GetEnvironmentVariable("COURSE_ROOT") is { Length: > 0 } configured)
        {
            return new CourseLayout(Path.GetFullPath(configured));
        }
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Course.sln")))
            {
                return new CourseLayout(directory.FullName);
            }
        }
        return new CourseLayout(Environment.CurrentDirectory);
    }

    /// <summary>The course's notebooks, in teaching order (by file name).</summary>
    public IReadOnlyList<string> Notebooks() =>
        Directory.Exists(NotebooksDirectory)
            ? Directory.GetFiles(NotebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Resolves what the learner typed to a notebook file, or explains in one line why it can't.</summary>
    public bool TryResolve(string name, out string path, out string error)
    {
        path = "";
        error = "";
        if (NumberOnly().IsMatch(name))
        {
            var prefix = name.TrimStart('0').PadLeft(2, '0') + "-";
            var matches = Notebooks().Where(p => Path.GetFileName(p).StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (matches.Count == 1)
            {
                path = matches[0];
                return true;
            }
            error = matches.Count == 0
                ? $"no notebook numbered {prefix[..^1]} in {Relative(NotebooksDirectory)}/ ('course list' shows them)"
                : $"more than one notebook is numbered {prefix[..^1]}: {string.Join(", ", matches.Select(Path.GetFileName))}";
            return false;
        }
        // As typed (from the current folder), from the course root (as the command prints paths), or a file name in notebooks/.
        foreach (var candidate in new[] { name, Path.Combine(Root, name), Path.Combine(NotebooksDirectory, name), Path.Combine(NotebooksDirectory, name + ".ipynb") })
        {
            if (File.Exists(candidate))
            {
                path = Path.GetFullPath(candidate);
                return true;
            }
        }
        error = Directory.Exists(name) ? $"{name} is a folder, not a notebook" : $"notebook not found: {name}";
        return false;
    }

    /// <summary>The notebooks a command works on: every notebook when <paramref name="name"/> is null (<c>--all</c>), else the one it names.</summary>
    public bool TrySelect(string? name, out IReadOnlyList<string> paths, out string error)
    {
        error = "";
        if (name is null)
        {
            paths = Notebooks();
            return true;
        }
        var found = TryResolve(name, out var path, out error);
        paths = found ? [path] : [];
        return found;
    }

    /// <summary>
    /// The notebooks <paramref name="names"/> name, in the order given (a notebook named twice runs once), or every
    /// notebook when none is named; false with one line per name that names no notebook.
    /// </summary>
    public bool TrySelect(IReadOnlyList<string> names, out IReadOnlyList<string> paths, out IReadOnlyList<string> errors)
    {
        if (names.Count == 0)
        {
            paths = Notebooks();
            errors = [];
            return true;
        }
        var found = new List<string>();
        var problems = new List<string>();
        foreach (var name in names)
        {
            if (TryResolve(name, out var path, out var error))
            {
                if (!found.Contains(path, StringComparer.Ordinal))
                {
                    found.Add(path);
                }
            }
            else
            {
                problems.Add(error);
            }
        }
        paths = problems.Count == 0 ? found : [];
        errors = problems;
        return problems.Count == 0;
    }

    /// <summary>A path as the learner would type it from the course root.</summary>
    public string Relative(string path)
    {
        var relative = Path.GetRelativePath(Root, Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    [GeneratedRegex(@"^\d{1,9}$")]
    private static partial Regex NumberOnly();
}
