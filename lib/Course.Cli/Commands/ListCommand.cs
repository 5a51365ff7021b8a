using System.CommandLine;
using Course.Notebooks.Ipynb;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary><c>course list</c>: the course's notebooks, with their titles.</summary>
internal static class ListCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("list", "List the course's notebooks.");
        command.SetAction(_ => List(console));
        return command;
    }

    private static int List(IAnsiConsole console)
    {
        var layout = CourseLayout.Discover();
        var notebooks = layout.Notebooks();
        if (notebooks.Count == 0)
        {
            console.WriteLine(layout.NoNotebooksMessage);
            return ExitCodes.Success;
        }
        var table = new Table().Border(TableBorder.Simple).AddColumn("notebook").AddColumn("title").AddColumn(new TableColumn("code cells").RightAligned());
        foreach (var path in notebooks)
        {
            string title, cells;
            try
            {
                var notebook = Notebook.Load(path);
                title = Title(notebook);
                cells = notebook.Cells.Count(c => c.IsCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is NotebookFormatException or IOException)
            {
                title = "(cannot be read: " + e.Message.Replace(path + ": ", "", StringComparison.Ordinal) + ")";
                cells = "";
            }
            table.AddRow(Markup.Escape(layout.Relative(path)), Markup.Escape(title), cells);
        }
        console.Write(table);
        return ExitCodes.Success;
    }

    // The first markdown heading, as Jupyter shows it in a table of contents.
    private static string Title(Notebook notebook) =>
        notebook.Cells.Where(c => c.CellType == "markdown")
            .SelectMany(c => c.Source.Split('\n'))
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith('#'))?.TrimStart('#').Trim() ?? "";
}
