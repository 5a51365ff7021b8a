using System.Text.RegularExpressions;
using Course.Exercises;

namespace Course.Lib.Tests.Exercises;

public partial class ExerciseCatalogTests
{
    [Fact]
    public void All_IdsAreUnique()
    {
        var duplicates = ExerciseCatalog.All.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void All_IdsAreTwoDigitNotebookDotNumber_InCourseOrder()
    {
        Assert.All(ExerciseCatalog.All, e => Assert.Matches(WellFormedId(), e.Id));
        var order = ExerciseCatalog.All.Select(e => (Notebook: int.Parse(e.Notebook), Number: int.Parse(e.Id[(e.Id.IndexOf('.') + 1)..]))).ToList();
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void All_NumbersOfANotebookCountFromOne()
    {
        foreach (var notebook in ExerciseCatalog.All.GroupBy(e => e.Notebook))
        {
            var numbers = notebook.Select(e => int.Parse(e.Id[(e.Id.IndexOf('.') + 1)..]));
            Assert.Equal(Enumerable.Range(1, notebook.Count()), numbers);
        }
    }

    [Fact]
    public void All_EveryExerciseHasAHintASolutionAndCases()
    {
        Assert.All(ExerciseCatalog.All, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.HintText), $"{e.Id} has no hint");
            Assert.False(string.IsNullOrWhiteSpace(e.SolutionSource), $"{e.Id} has no solution");
            Assert.True(e.CaseCount > 0, $"{e.Id} has no cases");
            Assert.Equal($"exercise:{e.Id}", e.Tag);
        });
    }

    [Fact]
    public void All_EveryExerciseCarriesAtLeastThreeKnownWrongAnswers_EachDifferentFromItsSolution()
    {
        Assert.All(ExerciseCatalog.All, e =>
        {
            Assert.True(e.KnownWrongAnswers.Count >= 3, $"{e.Id} carries {e.KnownWrongAnswers.Count} known-wrong answers; it needs at least 3 (the lesson's trap, a trivial answer, an over-broad one)");
            Assert.All(e.KnownWrongAnswers, w => Assert.NotEqual(e.SolutionSource, w.Source));
            Assert.Equal(e.KnownWrongAnswers.Count, e.KnownWrongAnswers.Select(w => w.Source).Distinct().Count());
        });
    }

    [Fact]
    public void All_SolutionsDoNotThrowNotImplementedException()
    {
        Assert.All(ExerciseCatalog.All, e => Assert.DoesNotContain("NotImplementedException", e.SolutionSource, StringComparison.Ordinal));
    }

    [Fact]
    public void Find_KnownId_ReturnsThatExercise()
    {
        Assert.Same(StartHereExercises.Greeting, ExerciseCatalog.Find("00.1"));
        Assert.Same(StartHereExercises.Greeting, ExerciseCatalog.Find(" 00.1 "));
    }

    [Fact]
    public void Find_UnknownId_ReturnsNull()
    {
        Assert.Null(ExerciseCatalog.Find("99.9"));
    }

    [Fact]
    public void ForNotebook_ReturnsThatNotebooksExercisesInOrder()
    {
        Assert.Equal(StartHereExercises.All, ExerciseCatalog.ForNotebook("00"));
        Assert.All(ExerciseCatalog.ForNotebook("01"), e => Assert.Equal("01", e.Notebook));
        Assert.Empty(ExerciseCatalog.ForNotebook("98"));
    }

    [Fact]
    public void Find_FindsEveryExerciseByItsId_ItselfNotACopy()
    {
        Assert.All(ExerciseCatalog.All, e => Assert.Same(e, ExerciseCatalog.Find(e.Id)));
        Assert.Same(ExerciseCatalog.All[0], ExerciseCatalog.Find($"  {ExerciseCatalog.All[0].Id} "));
    }

    [Theory]
    [InlineData("08.99")]
    [InlineData("42.1")]
    [InlineData("8.1")]
    [InlineData("-1.1")]
    [InlineData("01")]
    [InlineData("")]
    [InlineData("x.1")]
    public void Find_UnknownOrMalformedId_IsNull(string id) => Assert.Null(ExerciseCatalog.Find(id));

    [Fact]
    public void WarmUpAnswers_AreStandInsNotSolutions_TheirChecksDoNotPass()
    {
        var withStandIns = ExerciseCatalog.All
            .Where(e => e.HasWarmUpAnswer)
            .Select(e => (Exercise: e, StandIn: e.GetType().GetProperty("WarmUpAnswer")!.GetValue(e)))
            .ToList();

        Assert.Equal(["04.1", "08.1"], withStandIns.Select(x => x.Exercise.Id));
        Assert.All(withStandIns, x =>
        {
            var result = (CheckResult)x.Exercise.GetType().GetMethod("Check")!.Invoke(x.Exercise, [x.StandIn])!;
            Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        });
    }

    [Fact]
    public void StartWarmUp_UnknownId_WarmsNothingAndDoesNotThrow() => ExerciseCatalog.StartWarmUp("42.7");

    [GeneratedRegex(@"^\d{2}\.[1-9]\d*$")]
    private static partial Regex WellFormedId();
}
