using Course.Exercises;

namespace Course.Lib.Tests.Exercises;

public class ExerciseAnswersTests
{
    [Fact]
    public void Load_ReadsTheSolutionAndEveryWrongAnswerFile()
    {
        var answers = ExerciseAnswers.Load("00.1");

        Assert.StartsWith("// Exercise 00.1", answers.Solution, StringComparison.Ordinal);
        Assert.Contains(answers.KnownWrong, w => w.Name == "constant-greeting" && w.ExpectedPhrase == "but it was \"Hello!\"");
        Assert.All(answers.KnownWrong, w => Assert.DoesNotContain("// Mistake:", w.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownExercise_SaysWhichFileIsMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ExerciseAnswers.Load("99.9"));

        Assert.Contains("Exercises/Answers/99.9/solution.cs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseWrong_ReadsAMultiLineMistakeThePhraseAndTheSource()
    {
        var wrong = ExerciseAnswers.ParseWrong("99.1", "name", "// Mistake: first line\n//   and second.\n// Expect: a phrase\r\n// Exercise 99.1\nint X() => 1;\n");

        Assert.Equal(new KnownWrongAnswer("name", "first line and second.", "a phrase", "// Exercise 99.1\nint X() => 1;"), wrong);
    }

    [Theory]
    [InlineData("int X() => 1;")]
    [InlineData("// Mistake: no phrase\nint X() => 1;")]
    [InlineData("// Expect: no mistake\nint X() => 1;")]
    public void ParseWrong_WithoutItsHeader_Throws(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ExerciseAnswers.ParseWrong("99.1", "name", text));

        Assert.Contains("// Mistake:", error.Message, StringComparison.Ordinal);
    }
}
