using Course.Cli.Exercises;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Cli.Exercises;

public sealed class NotebookExercisesTests
{
    [Fact]
    public void Find_NumbersStartersAmongCodeCells_AsRunsNumberThem()
    {
        var notebook = Notebook.Create(
        [
            NotebookCell.Markdown("# Title", id: "m1"),
            NotebookCell.Code("setup", id: "c1"),
            NotebookCell.Markdown("task", id: "m2"),
            NotebookCell.Code("starter", tags: ["exercise:01.1"], id: "c2"),
            NotebookCell.Code("check", id: "c3"),
            NotebookCell.Code("second", tags: ["slow", "exercise:01.2"], id: "c4"),
        ]);

        var exercises = NotebookExercises.Find(notebook);

        Assert.Equal([("01.1", 2, "starter"), ("01.2", 4, "second")], exercises.Starters.Select(s => (s.Id, s.CellNumber, s.Cell.Source)));
        Assert.Empty(exercises.Malformed);
    }

    [Fact]
    public void Find_MalformedTagsAndTaggedMarkdown_AreReported_NotTakenForStarters()
    {
        var notebook = Notebook.Create(
        [
            NotebookCell.Markdown("task", tags: ["exercise:01.1"], id: "m1"),
            NotebookCell.Code("starter", tags: ["exercise:one"], id: "c1"),
        ]);

        var exercises = NotebookExercises.Find(notebook);

        Assert.Empty(exercises.Starters);
        Assert.Equal(
            [new MalformedExerciseTag("exercise:01.1", "a markdown cell (cell 1 of the notebook)"), new MalformedExerciseTag("exercise:one", "code cell 1")],
            exercises.Malformed);
    }
}
