using System.Diagnostics;
using System.Text.RegularExpressions;
using Course.Exercises;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;

namespace Course.Cli.Exercises;

/// <summary>
/// Verifies a notebook's exercises three ways, as course authors must (a check that cannot fail, or that a wrong
/// answer fools, is a defect):
/// <list type="number">
/// <item>the tags: every catalog exercise of the notebook has exactly one starter cell, and every tag names a catalog exercise of this notebook;</item>
/// <item>the starter as written reports not attempted or incorrect;</item>
/// <item>every known-wrong answer the exercise carries, substituted for the starter, reports incorrect, with the phrase it names in the message;</item>
/// <item>the reference solution, substituted for the starter, reports correct.</item>
/// </list>
/// Every run is a fresh notebook process that runs the setup cell and the exercise's own cells only, so verifying
/// also proves that the exercise is self-contained; up to <c>parallelRuns</c> of them run side by side, and their
/// results are judged in order. Substitutions are in memory: the file is never written. Each run is bounded by a
/// time limit on top of the cells' own limits.
/// </summary>
internal sealed partial class NotebookVerifier(IReadOnlyList<Exercise> catalog, NotebookRunOptions runOptions, TimeSpan runTimeLimit, int parallelRuns)
{
    public static readonly TimeSpan DefaultRunTimeLimit = TimeSpan.FromMinutes(2);

    /// <summary>How many runs go side by side by default: one per core, at most four.</summary>
    public static int DefaultParallelRuns => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Against the course's <see cref="ExerciseCatalog"/>.</summary>
    public NotebookVerifier(NotebookRunOptions runOptions)
        : this(ExerciseCatalog.All, runOptions, DefaultRunTimeLimit, DefaultParallelRuns)
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

        // Every run a fresh process: run them side by side (a blocked wrong answer mostly waits), then judge them in order.
        var runs = exercises.Starters.SelectMany(starter => Runs(starter, Find(starter.Id))).ToList();
        var outcomes = new (ExerciseReport? Report, List<string> Problems)[runs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, runs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelRuns, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var runProblems = new List<string>();
                var report = await RunAsync(path, shownPath, runs[i].Starter, runs[i].Source, runs[i].Which, runProblems, token).ConfigureAwait(false);
                outcomes[i] = (report, runProblems);
            }).ConfigureAwait(false);

        var verifications = new List<ExerciseVerification>();
        foreach (var exercise in runs.Select((run, i) => (run, i)).GroupBy(r => r.run.Starter.CellNumber))
        {
            var starter = exercise.First().run.Starter;
            ExerciseStatus? asWritten = null, withSolution = null;
            var title = Find(starter.Id)?.Title;
            var refused = 0;
            foreach (var (run, i) in exercise)
            {
                var (report, runProblems) = outcomes[i];
                problems.AddRange(runProblems);
                title ??= report?.Title;
                if (report is null)
                {
                    continue;
                }
                if (run.Wrong is { } wrong)
                {
                    if (WrongAnswerProblem(starter.Id, wrong, report) is { } problem)
                    {
                        problems.Add(problem);
                    }
                    else
                    {
                        refused++;
                    }
                }
                else if (run.Source is null)
                {
                    asWritten = report.Status;
                    if (report.Status == ExerciseStatus.Correct)
                    {
                        problems.Add($"as written, {starter.Id} already reports correct: its check cannot fail (the starter must compile, and throw NotImplementedException where the learner writes code)");
                    }
                    else if (report.Status == ExerciseStatus.Error)
                    {
                        problems.Add($"as written, {starter.Id} has no check result: {report.Message}");
                    }
                }
                else
                {
                    withSolution = report.Status;
                    if (report.Status != ExerciseStatus.Correct)
                    {
                        problems.Add($"with its solution, {starter.Id} reports {report.Status.Text()}: {report.Message}{Cases(report)}");
                    }
                }
            }
            var wrongCount = exercise.Count(r => r.run.Wrong is not null);
            verifications.Add(new(starter.Id, title ?? "", asWritten, refused, wrongCount, withSolution));
        }
        return new NotebookVerification(shownPath, verifications, problems, runs.Count, clock.Elapsed);
    }

    private sealed record VerificationRun(StarterCell Starter, string? Source, KnownWrongAnswer? Wrong, string Which);

    // The starter as written (Source null); then, for a catalog exercise, each known-wrong answer and the solution.
    private static IEnumerable<VerificationRun> Runs(StarterCell starter, Exercise? exercise)
    {
        yield return new(starter, null, null, "as written");
        if (exercise is null)
        {
            yield break;
        }
        foreach (var wrong in exercise.KnownWrongAnswers)
        {
            yield return new(starter, wrong.Source, wrong, $"with its wrong answer '{wrong.Name}'");
        }
        yield return new(starter, exercise.SolutionSource, null, "with its solution");
    }

    /// <summary>Why a known-wrong answer's report is not what it must be (incorrect, naming the mistake), or null.</summary>
    internal static string? WrongAnswerProblem(string id, KnownWrongAnswer wrong, ExerciseReport report)
    {
        var about = $"{id}'s wrong answer '{wrong.Name}' ({wrong.Mistake})";
        if (report.Status == ExerciseStatus.Correct)
        {
            return $"{about} reports correct: the check accepts this mistake";
        }
        if (report.Status != ExerciseStatus.Incorrect)
        {
            return $"{about} reports {report.Status.Text()}, not incorrect: {report.Message}{Cases(report)}";
        }
        var said = string.Join("\n", report.FailedCases.Select(c => c.Message).Prepend(report.Message));
        return said.Contains(wrong.ExpectedPhrase, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{about} is refused, but no message contains \"{wrong.ExpectedPhrase}\": the learner is not told this mistake{Cases(report)}";
    }

    private static string Cases(ExerciseReport report) => string.Concat(report.FailedCases.Select(c => $"; {c.Name}: {c.Message}"));

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

    // One bounded run of the setup cell and one exercise's cells, its starter's source replaced (in memory) unless
    // source is null. Failing cells other than the exercise's and an early end become problems. Null when it ran out of time.
    private async Task<ExerciseReport?> RunAsync(string path, string shownPath, StarterCell starter, string? source, string which, List<string> problems,
        CancellationToken cancellationToken)
    {
        var notebook = Notebook.Load(path);
        var cells = NotebookExercises.Find(notebook).Starters.Where(s => s.CellNumber == starter.CellNumber).ToList();
        if (source is not null)
        {
            cells[0].Cell.SetSource(source);
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(runTimeLimit);
        ExerciseRun run;
        try
        {
            run = await ExerciseRunner.RunAsync(notebook, shownPath, cells, runOptions, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problems.Add($"{starter.Id} {which}: did not finish within the verification limit of {runTimeLimit.TotalSeconds:0.#} s");
            return null;
        }
        problems.AddRange(run.OtherFailures.Select(f => $"{starter.Id} {which}: {f.Description}"));
        if (run.StoppedBecause is { } stopped && run.OtherFailures.Count == 0 && run.Reports.All(r => r.Status != ExerciseStatus.Error))
        {
            problems.Add($"{starter.Id} {which}: {stopped}");
        }
        return run.Reports.Single();
    }

    [GeneratedRegex(@"^(\d{2})-")]
    private static partial Regex NotebookNumber();
}
