using System.Globalization;
using System.Text.RegularExpressions;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Notebooks;

/// <summary>
/// The parts of a notebook a learner relies on to find their way (COURSE.md §4): the orientation table first, one sitting
/// of reading, an interview answer that fits 60 seconds with follow-ups, a cheat sheet on one screen.
/// </summary>
public sealed partial class NotebookAnatomyTests
{
    // One sitting is about an hour of reading and running (COURSE.md §4), then the two core exercises: ~3,300 words of
    // prose read at ~200 words a minute and ~45 cells, read with their output, fill that hour at most.
    private const int MaxProseWords = 3_300;
    private const int MaxCells = 45;
    private const int MaxExercises = 3;
    private const int MaxCoreExercises = 2;
    private const int MaxAnswerWords = 150;
    private const int MaxCheatSheetRows = 18;

    public static TheoryData<string> Notebooks() =>
        new(Directory.GetFiles(Path.Combine(Repository.Root, "notebooks"), "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_HasEveryPartOfTheAnatomy_InOrder(string notebook)
    {
        var prose = Prose(notebook);
        string[] headings = ["## From ", "## Pitfalls", "## Exercise", "## Interview answer", "**If they dig deeper**", "## Cheat sheet"];

        var positions = headings.Select(h => (heading: h, at: prose.IndexOf(h, StringComparison.Ordinal))).ToList();

        Assert.All(positions, p => Assert.True(p.at >= 0, $"{notebook} has no \"{p.heading}\""));
        Assert.True(positions.Select(p => p.at).SequenceEqual(positions.Select(p => p.at).Order()),
            $"{notebook}: the parts are out of order: {string.Join(" → ", positions.OrderBy(p => p.at).Select(p => p.heading))}");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_ReadsInOneSitting(string notebook)
    {
        var words = WordCount(Prose(notebook));

        Assert.True(words <= MaxProseWords, $"{notebook} has {words} words of prose: one sitting allows {MaxProseWords}. Say each point once, where a cell shows it.");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_HasNoMoreCellsAndExercises_ThanOneSittingHolds(string notebook)
    {
        var cells = Notebook.Load(Path.Combine(Repository.Root, "notebooks", notebook)).Cells;
        var exercises = cells.SelectMany(c => c.Tags).Where(t => t.StartsWith("exercise:", StringComparison.Ordinal)).Distinct().Count();

        Assert.True(cells.Count <= MaxCells, $"{notebook} has {cells.Count} cells: one sitting holds {MaxCells}. Merge cells that show one point.");
        Assert.InRange(exercises, 1, MaxExercises);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void NumberedSections_CountOneTwoThree_WithNoGap(string notebook)
    {
        var cells = Notebook.Load(Path.Combine(Repository.Root, "notebooks", notebook)).Cells;

        var numbers = cells.Where(c => !c.IsCode)
            .SelectMany(c => NumberedSection().Matches(c.Source))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Introduction_PlansOneSitting_AtMostAnHourOfReadingAndRunning(string notebook)
    {
        var cells = Notebook.Load(Path.Combine(Repository.Root, "notebooks", notebook)).Cells;
        var core = cells.SelectMany(c => c.Tags).Where(t => t.StartsWith("exercise:", StringComparison.Ordinal))
            .Select(t => t["exercise:".Length..]).Distinct()
            .Where(id => !ExerciseHeading(cells, id).Contains("(stretch)", StringComparison.Ordinal)).ToList();

        var plan = TimePlan().Match(cells[0].Source);

        Assert.True(plan.Success, $"{notebook}: the introduction has no time plan of the form \"*One sitting: some N minutes of " +
            "reading and running, then exercises NN.1 and NN.2, about M minutes.\"");
        Assert.InRange(int.Parse(plan.Groups["reading"].Value, CultureInfo.InvariantCulture), 10, 60);
        Assert.Equal(core, plan.Groups["exercises"].Value.Split(" and "));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void ExercisesBeyondTwo_AreStretches_TheIntroductionNames(string notebook)
    {
        var cells = Notebook.Load(Path.Combine(Repository.Root, "notebooks", notebook)).Cells;
        var ids = cells.SelectMany(c => c.Tags).Where(t => t.StartsWith("exercise:", StringComparison.Ordinal))
            .Select(t => t["exercise:".Length..]).Distinct().ToList();
        var introduction = cells[0].Source;

        var stretches = ids.Where(id => ExerciseHeading(cells, id).Contains("(stretch)", StringComparison.Ordinal)).ToList();

        Assert.True(ids.Count - stretches.Count is >= 1 and <= MaxCoreExercises,
            $"{notebook}: the hour holds {MaxCoreExercises} exercises; mark the others \"(stretch)\" in their headings");
        Assert.All(stretches, id => Assert.True(introduction.Contains($"{id} is a stretch", StringComparison.Ordinal),
            $"{notebook}: the introduction's time plan does not say \"{id} is a stretch\""));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void InterviewAnswer_FitsSixtySeconds_AndHasThreeToFiveFollowUps(string notebook)
    {
        var section = Section(Prose(notebook), "## Interview answer");
        var split = section.IndexOf("**If they dig deeper**", StringComparison.Ordinal);
        Assert.True(split > 0, $"{notebook}: the interview answer has no \"If they dig deeper\"");

        // The question is said too: it counts, as the course's notebook check counts it.
        var answer = section["## Interview answer".Length..split].Replace('>', ' ');
        var followUps = section[split..].Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal));

        Assert.InRange(WordCount(answer), 40, MaxAnswerWords);
        Assert.InRange(followUps, 3, 5);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void CheatSheet_FitsOneScreen(string notebook)
    {
        var rows = Section(Prose(notebook), "## Cheat sheet").Split('\n').Count(l => l.StartsWith('|')) - 2;

        Assert.InRange(rows, 5, MaxCheatSheetRows);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void LearnerFacingText_HasNoInternalIds(string notebook)
    {
        var ids = InternalId().Matches(Prose(notebook)).Select(m => m.Value).Distinct().ToList();

        Assert.True(ids.Count == 0, $"{notebook} shows the course's internal ids to learners: {string.Join(", ", ids)}");
    }

    private static string Prose(string notebook) =>
        string.Join("\n\n", Notebook.Load(Path.Combine(Repository.Root, "notebooks", notebook)).Cells.Where(c => c.CellType == "markdown").Select(c => c.Source));

    // The markdown heading that introduces an exercise: "### 02.3 · …" (or "## Exercise 00.1 · …").
    private static string ExerciseHeading(IReadOnlyList<NotebookCell> cells, string id) =>
        cells.Where(c => c.CellType == "markdown").SelectMany(c => c.Source.Split('\n'))
            .FirstOrDefault(l => l.StartsWith('#') && l.Contains($"{id} ·", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no heading names exercise {id}");

    // From a heading to the next heading of the same level (or the end).
    private static string Section(string prose, string heading)
    {
        var start = prose.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no \"{heading}\"");
        var next = prose.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? prose[start..] : prose[start..next];
    }

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    // Seed-map claim ids (C38) and rows ("row 12 of the seed map") are the course's bookkeeping, not the learner's.
    [GeneratedRegex(@"\b(claim C\d+|C\d{2}\b(?!#)|SEED-MAP)")]
    private static partial Regex InternalId();

    [GeneratedRegex(@"\*One sitting: some (?<reading>\d+) minutes of reading and running, then exercises? (?<exercises>\d\d\.\d(?: and \d\d\.\d)?), about \d+ minutes\.")]
    private static partial Regex TimePlan();

    [GeneratedRegex(@"^## (\d+)\. ", RegexOptions.Multiline)]
    private static partial Regex NumberedSection();
}
