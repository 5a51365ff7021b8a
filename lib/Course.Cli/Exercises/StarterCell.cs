using Course.Notebooks.Ipynb;

namespace Course.Cli.Exercises;

/// <summary>
/// An exercise's starter cell: the code cell tagged <c>exercise:<paramref name="Id"/></c>, code cell number
/// <paramref name="CellNumber"/> (1-based, as runs number them). <paramref name="CellNumbers"/> are the exercise's
/// cells: the starter and the code cells after it up to and including its check cell (the first one that calls
/// <c>.Check(</c>), or up to the next starter when there is none. With the setup cell (code cell 1) they are all an
/// exercise may need: exercises are self-contained, so a check runs just those.
/// </summary>
internal sealed record StarterCell(string Id, int CellNumber, NotebookCell Cell, IReadOnlyList<int> CellNumbers)
{
    /// <summary>The code cell that sets the notebook up: its references and usings.</summary>
    public const int SetupCell = 1;

    /// <summary>The code cells a run of this exercise alone needs: the setup cell and the exercise's cells.</summary>
    public IReadOnlySet<int> CellsToRun => new SortedSet<int>(CellNumbers.Prepend(SetupCell));
}

/// <summary>A tag that starts with <c>exercise:</c> but cannot mark a starter: a malformed id, or a tag on a cell that is not code.</summary>
internal sealed record MalformedExerciseTag(string Tag, string Where);

/// <summary>The exercises a notebook holds, found by their starter cells' tags.</summary>
internal sealed record NotebookExercises(IReadOnlyList<StarterCell> Starters, IReadOnlyList<MalformedExerciseTag> Malformed)
{
    public static NotebookExercises Find(Notebook notebook)
    {
        var starters = new List<(string Id, int CellNumber, NotebookCell Cell)>();
        var malformed = new List<MalformedExerciseTag>();
        var codeCells = notebook.Cells.Where(c => c.IsCode).ToList();
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
        return new([.. starters.Select((s, i) => new StarterCell(s.Id, s.CellNumber, s.Cell,
            ExerciseCells(codeCells, s.CellNumber, i + 1 < starters.Count ? starters[i + 1].CellNumber : codeCells.Count + 1)))], malformed);
    }

    // The starter and the cells after it, through the first that calls .Check( and before the next starter.
    private static List<int> ExerciseCells(List<NotebookCell> codeCells, int starter, int nextStarter)
    {
        var cells = new List<int> { starter };
        for (var number = starter + 1; number < nextStarter; number++)
        {
            cells.Add(number);
            if (codeCells[number - 1].Source.Contains(".Check(", StringComparison.Ordinal))
            {
                return cells;
            }
        }
        return cells;
    }
}
