using Course.Exercises;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Infrastructure;

/// <summary>
/// Small notebooks with a checked exercise, in the course's shape: a setup cell that loads the built course
/// library (by absolute path, so the notebook can live in a temp folder), a starter cell tagged
/// <c>exercise:00.1</c> and a check cell for <see cref="StartHereExercises.Greeting"/>.
/// </summary>
internal static class ExerciseNotebooks
{
    public const string Untouched = "string Greet(string name) => throw new NotImplementedException();";

    public const string Constant = "string Greet(string name) => \"Hello, Ada!\";";

    public const string DoesNotCompile = "string Greet(string name) => 42;";

    public static string Right => StartHereExercises.Greeting.SolutionSource;

    public static NotebookCell Setup() => NotebookCell.Code($"#r \"{Repository.CourseLibrary}\"\nusing Course.Exercises;", id: "setup");

    public static NotebookCell Starter(string source, string id = "00.1") => NotebookCell.Code(source, tags: [$"exercise:{id}"], id: $"starter-{id.Replace('.', '-')}");

    public static NotebookCell Check(string code = "StartHereExercises.Greeting.Check(Greet)", string id = "check") => NotebookCell.Code(code, id: id);

    /// <summary>A notebook with the greeting exercise, its starter cell holding <paramref name="starter"/>.</summary>
    public static string WriteGreeting(string path, string starter) =>
        Write(path, NotebookCell.Markdown("# Greetings", id: "title"), Setup(), Starter(starter), Check());

    public static string Write(string path, params NotebookCell[] cells)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Notebook.Create(cells).Save(path);
        return path;
    }
}
