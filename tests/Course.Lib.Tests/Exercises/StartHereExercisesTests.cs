using Course.Exercises;

namespace Course.Lib.Tests.Exercises;

public class StartHereExercisesTests
{
    [Fact]
    public void Greeting_UntouchedStarter_IsNotAttempted()
    {
        var result = StartHereExercises.Greeting.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void Greeting_ConstantAnswer_IsIncorrect()
    {
        var result = StartHereExercises.Greeting.Check(_ => "Hello, Ada!");

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
    }

    [Fact]
    public void Greeting_Interpolation_IsCorrect()
    {
        var result = StartHereExercises.Greeting.Check(name => $"Hello, {name}!");

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }
}
