using System.CommandLine;
using System.Globalization;
using Course.Cli.Exercises;
using Course.Cli.Terminal;
using Course.Exercises;
using Course.Notebooks.Ipynb;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary><c>course list</c>: the course's notebooks with their titles, and each exercise's status from its last check (<c>course check</c>, or its check cell run in the kernel).</summary>
internal static class ListCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("list", "List the course's notebooks, and your exercises' status from their last check ('course check', or a check cell run in the kernel).");
        command.SetAction(_ => List(console, TimeProvider.System));
        return command;
    }

    private static int List(IAnsiConsole console, TimeProvider time)
    {
        var layout = CourseLayout.Discover();
        var notebooks = layout.Notebooks();
        if (notebooks.Count == 0)
        {
            console.WriteLine(layout.NoNotebooksMessage);
            return ExitCodes.Success;
        }
        var table = new Table().Border(TableBorder.Simple).AddColumn("notebook").AddColumn("title").AddColumn(new TableColumn("code cells").RightAligned());
        var starters = new List<StarterCell>();
        foreach (var path in notebooks)
        {
            string title, cells;
            try
            {
                var notebook = Notebook.Load(path);
                title = Title(notebook);
                cells = notebook.Cells.Count(c => c.IsCode).ToString(CultureInfo.InvariantCulture);
                starters.AddRange(NotebookExercises.Find(notebook).Starters);
            }
            catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
            {
                title = "(cannot be read: " + e.Message.Replace(path + ": ", "", StringComparison.Ordinal) + ")";
                cells = "";
            }
            table.AddRow(Markup.Escape(layout.Relative(path)), Markup.Escape(title), cells);
        }
        console.Write(table);
        if (starters.Count > 0)
        {
            WriteExercises(console, layout, starters, time);
        }
        return ExitCodes.Success;
    }

    private static void WriteExercises(IAnsiConsole console, CourseLayout layout, List<StarterCell> starters, TimeProvider time)
    {
        var store = ProgressStore.For(layout.Root, time);
        var progress = store.Load(out var problem);
        if (problem is not null)
        {
            Terminals.Error.MarkupLine($"[yellow]course: {Markup.Escape(problem.Replace(store.Path, layout.Relative(store.Path), StringComparison.Ordinal))}; the next 'course check' keeps it as a backup[/]");
        }
        var table = new Table().Border(TableBorder.Simple).AddColumn("exercise").AddColumn("title").AddColumn("status").AddColumn("checked");
        foreach (var id in starters.Select(s => s.Id).Distinct())
        {
            var last = progress.GetValueOrDefault(id);
            var status = last?.Status ?? ExerciseStatus.NotChecked;
            var title = ExerciseCatalog.Find(id)?.Title ?? last?.Title ?? "";
            var checkedAt = last is null ? "" : TimeZoneInfo.ConvertTime(last.CheckedAt, time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            table.AddRow(Markup.Escape(id), Markup.Escape(title), $"[{ExercisePrinter.Colour(status)}]{Markup.Escape(status.Text())}[/]", checkedAt);
        }
        console.Write(table);
        WriteSummary(console, [.. starters.Select(s => s.Id).Distinct().Select(id => (id, progress.GetValueOrDefault(id)?.Status == ExerciseStatus.Correct))]);
        console.MarkupLine("[grey]'course check 00.1' checks one exercise, 'course check 01' a notebook's, 'course check --all' all of them.[/]");
    }

    // "Notebook 02: 1 of 3 correct" per notebook, then "In all: 4 of 26 exercises correct."
    private static void WriteSummary(IAnsiConsole console, IReadOnlyList<(string Id, bool Correct)> exercises)
    {
        foreach (var notebook in exercises.GroupBy(e => e.Id[..e.Id.IndexOf('.', StringComparison.Ordinal)]))
        {
            var correct = notebook.Count(e => e.Correct);
            var colour = correct == notebook.Count() ? "green" : "default";
            console.MarkupLine($"[{colour}]Notebook {Markup.Escape(notebook.Key)}: {correct} of {notebook.Count()} correct[/]");
        }
        var all = exercises.Count(e => e.Correct);
        console.MarkupLine($"[bold]In all: {all} of {exercises.Count} exercise{(exercises.Count == 1 ? "" : "s")} correct.[/]");
    }

    // The first markdown heading, as Jupyter shows it in a table of contents.
    private static string Title(Notebook notebook) =>
        notebook.Cells.Where(c => c.CellType == "markdown")
            .SelectMany(c => c.Source.Split('\n'))
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith('#'))?.TrimStart('#').Trim() ?? "";
}
