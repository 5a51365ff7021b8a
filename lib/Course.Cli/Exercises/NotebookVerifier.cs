using System.Diagnostics;
using System.Text.RegularExpressions;
using Course.Exercises;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;

namespace Course.Cli.Exercises;

/// <summary>
/// Verifies a notebook's exercises both ways, as course authors must (a check that cannot fail is a defect):
/// <list type="number">
/// <item>the tags: every catalog exercise of the notebook has exactly one starter cell, and every tag names a catalog exercise of this notebook;</item>
/// <item>a run with every starter as written: no cell fails, and every exercise reports not attempted or incorrect;</item>
/// <item>a run with each starter's source replaced, in memory only, by the exercise's reference solution: no cell fails, and every exercise reports correct.</item>
/// </list>
/// Each run is bounded by a per-notebook time limit on top of the cells' own limits.
/// </summary>
internal sealed partial class NotebookVerifier(IReadOnlyList<Exercise> catalog, NotebookRunOptions runOptions, TimeSpan notebookTimeLimit)
{
    public static readonly TimeSpan DefaultNotebookTimeLimit = TimeSpan.FromMinutes(5);

    /// <summary>Against the course's <see cref="ExerciseCatalog"/>.</summary>
    public NotebookVerifier(NotebookRunOptions runOptions)
        : this(ExerciseCatalog.All, runOptions, DefaultNotebookTimeLimit)
    {
    }

    /// <summary>Verifies the notebook at <paramref name="path"/>; <paramref name="shownPath"/> is how messages name it.</summary>
    /// <exception cref="NotebookFormatException">The notebook cannot be read.</exception>
    /// <exception cref="IOException">The notebook file cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<NotebookVerification> VerifyAsync(string path, string shownPath, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var exercises = NotebookExercises.Find(Notebook.Load(path));
        var number = NotebookNumber().Match(Path.GetFileName(path)) is { Success: true } match ? match.Groups[1].Value : null;
        var problems = TagProblems(exercises, number);

        var asWritten = await RunAsync(Notebook.Load(path), shownPath, "as written", problems, cancellationToken).ConfigureAwait(false);
        foreach (var report in asWritten?.Reports ?? [])
        {
            if (report.Status == ExerciseStatus.Correct)
            {
                problems.Add($"as written, {report.Id} already reports correct: its check cannot fail (the starter must compile, and throw NotImplementedException where the learner writes code)");
            }
            else if (report.Status == ExerciseStatus.Error)
            {
                problems.Add($"as written, {report.Id} has no check result: {report.Message}");
            }
        }

        ExerciseRun? withSolutions = null;
        var runs = 1;
        if (exercises.Starters.Count > 0)
        {
            var notebook = Notebook.Load(path);
            foreach (var starter in NotebookExercises.Find(notebook).Starters)
            {
                if (Find(starter.Id) is { } exercise)
                {
                    starter.Cell.SetSource(exercise.SolutionSource); // in memory: the run never writes the file
                }
            }
            runs = 2;
            withSolutions = await RunAsync(notebook, shownPath, "with the solutions", problems, cancellationToken).ConfigureAwait(false);
            foreach (var report in withSolutions?.Reports ?? [])
            {
                if (report.Status != ExerciseStatus.Correct && Find(report.Id) is not null)
                {
                    var cases = string.Concat(report.FailedCases.Select(c => $"; {c.Name}: {c.Message}"));
                    problems.Add($"with its solution, {report.Id} reports {report.Status.Text()}: {report.Message}{cases}");
                }
            }
        }

        var verifications = exercises.Starters.Select((starter, i) => new ExerciseVerification(
            starter.Id,
            Find(starter.Id)?.Title ?? asWritten?.Reports[i].Title ?? "",
            asWritten?.Reports[i].Status,
            withSolutions?.Reports[i].Status)).ToList();
        return new NotebookVerification(shownPath, verifications, problems, runs, clock.Elapsed);
    }

    private Exercise? Find(string id) => catalog.FirstOrDefault(e => e.Id == id);

    private List<string> TagProblems(NotebookExercises exercises, string? number)
    {
        var problems = new List<string>();
        foreach (var exercise in catalog.Where(e => e.Notebook == number))
        {
            var starters = exercises.Starters.Where(s => s.Id == exercise.Id).ToList();
            if (starters.Count == 0)
            {
                problems.Add($"exercise {exercise.Id} ({exercise.Title}) has no starter cell: tag one code cell {exercise.Tag}");
            }
            else if (starters.Count > 1)
            {
                problems.Add($"exercise {exercise.Id} has {starters.Count} starter cells (code cells {string.Join(", ", starters.Select(s => s.CellNumber))}): tag exactly one {exercise.Tag}");
            }
        }
        foreach (var starter in exercises.Starters)
        {
            if (Find(starter.Id) is not { } exercise)
            {
                problems.Add($"code cell {starter.CellNumber} is tagged {ExerciseTag.Prefix}{starter.Id}, which is not in the exercise catalog");
            }
            else if (exercise.Notebook != number)
            {
                problems.Add($"code cell {starter.CellNumber} is tagged {exercise.Tag}, an exercise of notebook {exercise.Notebook}" +
                             (number is null ? ", but this notebook's file name has no number" : $", not of notebook {number}"));
            }
        }
        foreach (var tag in exercises.Malformed)
        {
            problems.Add($"{tag.Where} has the tag \"{tag.Tag}\", which does not mark a starter: a code cell tagged {ExerciseTag.Prefix}NN.k");
        }
        return problems;
    }

    // One bounded run; its failing cells and early end become problems. Null when it ran out of time.
    private async Task<ExerciseRun?> RunAsync(Notebook notebook, string shownPath, string which, List<string> problems, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(notebookTimeLimit);
        ExerciseRun run;
        try
        {
            run = await ExerciseRunner.RunAsync(notebook, shownPath, runOptions, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problems.Add($"{which}: {shownPath} did not finish within the verification limit of {notebookTimeLimit.TotalSeconds:0.#} s");
            return null;
        }
        problems.AddRange(run.OtherFailures.Select(f => $"{which}: {f.Description}"));
        if (run.StoppedBecause is { } stopped && run.OtherFailures.Count == 0 && run.Reports.All(r => r.Status != ExerciseStatus.Error))
        {
            problems.Add($"{which}: {stopped}");
        }
        return run;
    }

    [GeneratedRegex(@"^(\d{2})-")]
    private static partial Regex NotebookNumber();
}
