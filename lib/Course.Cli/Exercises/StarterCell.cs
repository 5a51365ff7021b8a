using Course.Notebooks.Ipynb;

namespace Course.Cli.Exercises;

/// <summary>An exercise's starter cell: the code cell tagged <c>exercise:<paramref name="Id"/></c>, code cell number <paramref name="CellNumber"/> (1-based, as runs number them).</summary>
internal sealed record StarterCell(string Id, int CellNumber, NotebookCell Cell);

/// <summary>A tag that starts with <c>exercise:</c> but cannot mark a starter: a malformed id, or a tag on a cell that is not code.</summary>
internal sealed record MalformedExerciseTag(string Tag, string Where);

/// <summary>The exercises a notebook holds, found by their starter cells' tags.</summary>
internal sealed record NotebookExercises(IReadOnlyList<StarterCell> Starters, IReadOnlyList<MalformedExerciseTag> Malformed)
{
    public static NotebookExercises Find(Notebook notebook)
    {
        var starters = new List<StarterCell>();
        var malformed = new List<MalformedExerciseTag>();
        var codeCell = 0;
        for (var index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            codeCell += cell.IsCode ? 1 : 0;
            foreach (var tag in cell.Tags.Where(ExerciseTag.IsExerciseTag))
            {
                if (!cell.IsCode)
                {
                    malformed.Add(new(tag, $"a {cell.CellType} cell (cell {index + 1} of the notebook)"));
                }
                else if (ExerciseTag.TryParse(tag, out var id))
                {
                    starters.Add(new(id, codeCell, cell));
                }
                else
                {
                    malformed.Add(new(tag, $"code cell {codeCell}"));
                }
            }
        }
        return new(starters, malformed);
    }
}
