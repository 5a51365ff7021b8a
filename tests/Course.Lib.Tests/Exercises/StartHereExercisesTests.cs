using Course.Exercises;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
    public void Greeting_HandlerThatPrintsInsteadOfReturning_IsIncorrectAndSaysSo()
    {
        var result = StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", (string name) => { Console.WriteLine($"Hello, {name}!"); }));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("did you print instead of return?", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Greeting_IgnoringTheQueryGreeting_IsIncorrect()
    {
        var result = StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", (string name) => $"Hello, {name}!"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("?greeting=", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Greeting_TextWrappedInResultsOk_IsIncorrectAndNamesTheJsonQuotes()
    {
        var result = StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", (string name, string greeting = "Hello") => Results.Ok($"{greeting}, {name}!")));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("answered the JSON string \"Hello, Ada!\"", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Greeting_MisspelledNameParameter_Answers400AndTheCheckNamesTheName_NotTheGreeting()
    {
        var result = StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", (string nam, string greeting = "Hello") => $"{greeting}, {nam}!"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("spelled name, as {name} in the route", result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("the greeting parameter is required", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Greeting_MisspelledOptionalNameParameter_AnswersWithoutTheNameAndTheCheckNamesTheName()
    {
        // In a notebook nullable is off, so the misspelled parameter is optional: the answer is "Hello, !", not a 400.
        var result = StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", (string? nam, string greeting = "Hello") => $"{greeting}, {nam}!"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("spelled name, as {name} in the route", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Greeting_GreetingWithoutDefault_IsBlamedOnlyBecauseTheRequestWithGreetingAnswers200()
    {
        var result = StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", (string name, string greeting) => $"{greeting}, {name}!"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("the greeting parameter is required as written", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("defaults to \"Hello\"", result.ToString(), StringComparison.Ordinal);
    }

#nullable disable
    [Fact]
    public void Greeting_PlainStringGreetingWithoutDefault_WhichOnlyNullableOffMakesOptional_IsIncorrect()
    {
        // As in a notebook cell (nullable off): the parameter is optional here, required in a project.
        var result = StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", (string name, string greeting) => $"{greeting ?? "Hello"}, {name}!"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("the parameter greeting is a plain string with no default value", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("in a project (dotnet new web: nullable on)", result.ToString(), StringComparison.Ordinal);
    }
#nullable restore

    [Fact]
    public void Greeting_NullableGreetingWithFallback_IsCorrect()
    {
        var result = StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", (string name, string? greeting) => $"{greeting ?? "Hello"}, {name}!"));

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void Greeting_EndpointWithDefaultGreeting_IsCorrect()
    {
        var result = StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", (string name, string greeting = "Hello") => $"{greeting}, {name}!"));

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }
}
