using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Notebooks;

/// <summary>The measuring notebooks run on a loaded machine alone: their load must not slow other tests' checks.</summary>
[CollectionDefinition(nameof(MeasuringNotebooksTests), DisableParallelization = true)]
public class MeasuringNotebooksCollection;

/// <summary>
/// The notebooks with cells tagged <c>measurement</c>, run top to bottom while two threads keep the cores busy
/// (COURSE.md §4.5, issue 17).
/// </summary>
[Collection(nameof(MeasuringNotebooksTests))]
public sealed class MeasuringNotebooksTests
{
    // Issue 17: a measuring cell must never print the opposite of its prose when the machine is busy. Each states its claim
    // only through a verdict — the claim, or "too busy to show" — so on a loaded machine each must still print one, and the
    // notebook must still run. Either verdict passes: the test checks what is printed, not how fast the machine is.
    [Theory]
    [MemberData(nameof(CourseNotebooksTests.NotebooksWithMeasurements), MemberType = typeof(CourseNotebooksTests))]
    public async Task MeasuringNotebook_RunsTopToBottomUnderLoad_AndEveryMeasurementPrintsAVerdict(string notebook)
    {
        (List<string> Failures, Dictionary<int, string> Measurements) run;
        using (BusyLoad.Start(threads: 2))
        {
            run = await CourseNotebooksTests.RunAsync(notebook);
        }

        Assert.Empty(run.Failures);
        Assert.NotEmpty(run.Measurements);
        Assert.All(run.Measurements, cell => Assert.True(
            cell.Value.Split('\n').Any(line => line.TrimStart().StartsWith("✔ ", StringComparison.Ordinal) || line.Contains("Too busy to show", StringComparison.Ordinal)),
            $"{notebook}, code cell {cell.Key} is tagged '{CourseNotebooksTests.MeasurementTag}' but printed no verdict (a line starting '✔ ' or 'Too busy to show'):\n{cell.Value}"));
    }

}
