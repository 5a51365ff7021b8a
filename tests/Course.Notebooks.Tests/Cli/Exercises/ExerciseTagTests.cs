using Course.Cli.Exercises;

namespace Course.Notebooks.Tests.Cli.Exercises;

public sealed class ExerciseTagTests
{
    [Theory]
    [InlineData("exercise:00.1", "00.1")]
    [InlineData("exercise:12.10", "12.10")]
    public void TryParse_WellFormedTag_GivesTheId(string tag, string id)
    {
        Assert.True(ExerciseTag.TryParse(tag, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData("exercise:1.2")]
    [InlineData("exercise:01.0")]
    [InlineData("exercise:01")]
    [InlineData("exercise: 01.2")]
    [InlineData("exercise:01.2\n")]
    [InlineData("Exercise:01.2")]
    [InlineData("solution")]
    public void TryParse_AnythingElse_IsNotAnExercise(string tag)
    {
        Assert.False(ExerciseTag.TryParse(tag, out _));
    }

    [Theory]
    [InlineData("01.2", "01.2")]
    [InlineData("1.2", "01.2")]
    [InlineData(" 0.1 ", "00.1")]
    [InlineData("03.007", "03.7")]
    public void NormalizeId_WritesTheIdAsTagsDo(string typed, string id)
    {
        Assert.Equal(id, ExerciseTag.NormalizeId(typed));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("01-servers.ipynb")]
    [InlineData("123.4")]
    [InlineData("a.b")]
    public void NormalizeId_NotAnExerciseId_IsNull(string typed)
    {
        Assert.Null(ExerciseTag.NormalizeId(typed));
    }
}
