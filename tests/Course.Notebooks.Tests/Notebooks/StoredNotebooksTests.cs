using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Notebooks;

/// <summary>Notebooks are committed without outputs: learners produce their own, measured on their machine (COURSE.md §5a).</summary>
public class StoredNotebooksTests
{
    [Fact]
    public void CheckedInNotebooks_AreStoredWithoutOutputs()
    {
        var notebooks = Path.Combine(RepositoryRoot(), "notebooks");
        Assert.True(Directory.Exists(notebooks), $"{notebooks} is missing");

        var problems = Directory.GetFiles(notebooks, "*.ipynb").SelectMany(path => OutputsIn(Notebook.Load(path)).Select(p => $"{Path.GetFileName(path)}: {p}"));

        Assert.True(!problems.Any(), "Notebooks are committed without outputs; './course clear --all' removes them:\n" + string.Join("\n", problems));
    }

    // VS Code's ipynb reader takes a cell's language from vscode.languageId before the notebook's language_info.name, which
    // Polyglot's metadata sets to "polyglot-notebook" (a language VS Code knows only with that extension): without it,
    // cells open as plain text and the course kernel gets no completion provider for them.
    [Fact]
    public void EveryCodeCell_OpensAsCSharpInVSCode_AndKeepsItsPolyglotLanguage()
    {
        var notebooks = Directory.GetFiles(Path.Combine(RepositoryRoot(), "notebooks"), "*.ipynb");

        var problems = notebooks.SelectMany(path => Notebook.Load(path).Cells.Where(c => c.IsCode).Select((cell, index) =>
            cell.Metadata["vscode"]?["languageId"]?.GetValue<string>() == "csharp" &&
            cell.Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>() == "csharp" &&
            cell.Metadata["dotnet_interactive"]?["language"]?.GetValue<string>() == "csharp"
                ? null
                : $"{Path.GetFileName(path)}: code cell {index + 1}")).OfType<string>().ToList();

        Assert.True(notebooks.Length > 0 && problems.Count == 0, "Code cells without vscode.languageId \"csharp\" (or the Polyglot language keys):\n" + string.Join("\n", problems));
    }

    // nbformat 4.5 requires an id on every cell, unique in its notebook; Jupyter's nbformat warns of a hard error to come.
    [Fact]
    public void EveryCell_HasAUniqueId()
    {
        var notebooks = Directory.GetFiles(Path.Combine(RepositoryRoot(), "notebooks"), "*.ipynb");

        var problems = notebooks.SelectMany(path =>
        {
            var cells = Notebook.Load(path).Cells;
            return cells.Select((cell, index) => cell.Id is null ? $"{Path.GetFileName(path)}: cell {index} has no id" : null)
                .Concat(cells.Where(c => c.Id is not null).GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => $"{Path.GetFileName(path)}: id {g.Key} is used {g.Count()} times"));
        }).OfType<string>().ToList();

        Assert.True(notebooks.Length > 0 && problems.Count == 0, "Cells without a unique id:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void OutputsIn_FindsSavedOutputsAndExecutionCounts()
    {
        var notebook = Notebook.Create([NotebookCell.Code("1", id: "a"), NotebookCell.Code("2", id: "b"), NotebookCell.Markdown("# t", id: "c")]);
        notebook.Cells[1].SetOutputs([NotebookOutput.Stream("stdout", "x")], 3);

        Assert.Equal(["code cell 2 has saved outputs"], OutputsIn(notebook));
    }

    private static IEnumerable<string> OutputsIn(Notebook notebook) =>
        notebook.Cells
            .Where(c => c.IsCode)
            .Select((cell, index) => (cell, number: index + 1))
            .Where(c => c.cell.HasOutputs || c.cell.ExecutionCount is not null)
            .Select(c => $"code cell {c.number} has saved outputs");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Course.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The tests run outside the repository: Course.sln not found above " + AppContext.BaseDirectory);
    }
}
