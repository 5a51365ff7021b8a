using Course.Exercises;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Infrastructure;

/// <summary>
/// Small notebooks with a checked exercise, in the course's shape: a setup cell that references ASP.NET Core and loads the
/// built course library (by absolute path, so the notebook can live in a temp folder; TestHost is found beside it), a
/// starter cell tagged <c>exercise:00.1</c> (<c>void MapHello(WebApplication app)</c>) and a check cell for
/// <see cref="StartHereExercises.Greeting"/>, which sends its GETs to the endpoint on the library's in-memory server.
/// </summary>
internal static class ExerciseNotebooks
{
    public const string Untouched = "void MapHello(WebApplication app) => throw new NotImplementedException();";

    /// <summary>Answers GET /hello/Ada right and every other name wrong: "Hello, Ada!" whatever the name and the ?greeting=.</summary>
    public const string Constant = "void MapHello(WebApplication app) => app.MapGet(\"/hello/{name}\", (string name) => \"Hello, Ada!\");";

    /// <summary>Line 1: error CS0029, cannot implicitly convert type 'int' to 'string'.</summary>
    public const string DoesNotCompile = "void MapHello(WebApplication app) => app.MapGet(\"/hello/{name}\", (string name) => { string greeting = 42; return $\"{greeting}, {name}!\"; });";

    public static string Right => StartHereExercises.Greeting.SolutionSource;

    /// <summary>The case <see cref="Constant"/> fails first, and its message: the name comes from the path.</summary>
    public const string ConstantFailsForLinus =
        "(the name comes from the path): Expected the body of GET /hello/Linus to be \"Hello, Linus!\", but it was \"Hello, Ada!\".";

    public static NotebookCell Setup() => NotebookCell.Code(
        $"""
        #r "Microsoft.AspNetCore"
        #r "Microsoft.AspNetCore.Http.Results"
        #r "{Repository.CourseLibrary}"
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Course.Exercises;
        """, id: "setup");

    public static NotebookCell Starter(string source, string id = "00.1") => NotebookCell.Code(source, tags: [$"exercise:{id}"], id: $"starter-{id.Replace('.', '-')}");

    public static NotebookCell Check(string code = "StartHereExercises.Greeting.Check(MapHello)", string id = "check") => NotebookCell.Code(code, id: id);

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
