using Course.Exercises;

namespace Course.Lib.Tests.Exercises;

public class ExerciseTests
{
    [Fact]
    public void Check_StarterThatThrowsNotImplemented_IsNotAttempted()
    {
        var result = Doubling().Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.NotAttempted, c.Outcome));
        Assert.StartsWith("Not attempted", result.Summary, StringComparison.Ordinal);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Check_WrongAnswer_IsIncorrectAndSaysWhichCasesFail()
    {
        var result = Doubling().Check(n => n + 2);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(
            [CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed],
            result.Cases.Select(c => c.Outcome));
        Assert.Equal("Expected Double(0) to be 0, but it was 2.", result.Cases[1].Message);
        Assert.Equal("Incorrect: 2 of 3 cases fail. Read what each says; .Hint() helps, .Solution() shows an answer.", result.Summary);
    }

    [Fact]
    public void Check_PartlyWrittenAnswer_IsIncorrectNotNotAttempted()
    {
        var result = Doubling().Check(n => n == 2 ? 4 : throw new NotImplementedException());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
    }

    [Fact]
    public void Check_RightAnswer_IsCorrect()
    {
        var result = Doubling().Check(n => n * 2);

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
        Assert.True(result.Passed);
        Assert.Equal("Correct: all 3 cases pass.", result.Summary);
        Assert.All(result.Cases, c => Assert.Equal("", c.Message));
    }

    [Fact]
    public void Check_AnswerThatThrows_IsReportedNotThrown()
    {
        var result = Doubling().Check(_ => throw new InvalidOperationException("oops"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.StartsWith("Your code threw InvalidOperationException: oops", result.Cases[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NullAnswer_IsNotAttempted()
    {
        var result = Doubling().Check(null!);

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
        Assert.All(result.Cases, c => Assert.Equal("No answer was given (it is null).", c.Message));
    }

    [Fact]
    public async Task Check_CaseThatExceedsItsTimeLimit_FailsAndTheCheckStillReturns()
    {
        var never = new TaskCompletionSource<int>();
        var exercise = new Exercise<Func<int, Task<int>>>("99.1", "Double later", "Await, then multiply.", "async Task<int> Double(int n) => n * 2;",
        [
            new("Double(1) is 2", async (f, _) => Expect.Equal(2, await f(1), "await Double(1)")),
            new("Double(2) is 4", async (f, _) => Expect.Equal(4, await f(2), "await Double(2)")),
        ], caseTimeLimit: TimeSpan.FromSeconds(2));

        // For 1 the answer waits for something that never happens (and ignores the token); 2 works.
        var result = await Task.Run(() => exercise.Check(n => n == 1 ? never.Task : Task.FromResult(n * 2))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.StartsWith("Did not finish within", result.Cases[0].Message, StringComparison.Ordinal); // 2 s, or 4–6 s on a busy machine
        Assert.StartsWith("Not run", result.Cases[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AsyncCase_IsAwaited()
    {
        var exercise = new Exercise<Func<Task<int>>>("99.2", "Answer later", "Await.", "async Task<int> Later() => 42;",
        [
            new("Later() gives 42", async (later, _) => Expect.Equal(42, await later(), "await Later()")),
        ]);

        Assert.Equal(CheckOutcome.Incorrect, exercise.Check(async () => { await Task.Yield(); return 41; }).Outcome);
        Assert.Equal(CheckOutcome.Correct, exercise.Check(async () => { await Task.Yield(); return 42; }).Outcome);
    }

    [Fact]
    public void Properties_DescribeTheExercise()
    {
        var exercise = Doubling();

        Assert.Equal("99.1", exercise.Id);
        Assert.Equal("99", exercise.Notebook);
        Assert.Equal("exercise:99.1", exercise.Tag);
        Assert.Equal(3, exercise.CaseCount);
        Assert.Equal(TimeSpan.FromSeconds(10), exercise.CaseTimeLimit);
        Assert.Equal("99.1 Double a number", exercise.ToString());
    }

    [Fact]
    public void HintAndSolution_AreNotesWithTheirText()
    {
        var exercise = Doubling();

        Assert.Equal(new ExerciseNote("Hint for 99.1", "Multiply by two.", IsCode: false), exercise.Hint());
        Assert.Equal(new ExerciseNote("Solution for 99.1", "int Double(int n) => n * 2;", IsCode: true), exercise.Solution());
    }

    [Fact]
    public void Solution_SurroundingBlankLines_AreTrimmed()
    {
        var exercise = new Exercise<int>("99.3", "t", "h", "\n\nvar x = 1;\n\n", [new("c", _ => { })]);

        Assert.Equal("var x = 1;", exercise.SolutionSource);
    }

    [Fact]
    public void Constructor_WithoutCases_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Exercise<int>("99.4", "t", "h", "s", []));
    }

    [Theory]
    [InlineData("", "title", "hint", "solution")]
    [InlineData("99.5", " ", "hint", "solution")]
    [InlineData("99.5", "title", "", "solution")]
    [InlineData("99.5", "title", "hint", "\n")]
    public void Constructor_BlankText_Throws(string id, string title, string hint, string solution)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Exercise<int>(id, title, hint, solution, [new("c", _ => { })]));
    }

    [Fact]
    public void Check_AfterACaseRunsPastItsLimit_TheRemainingCasesAreNotRun()
    {
        var runs = 0;
        var exercise = new Exercise<Func<int>>("99.7", "t", "h", "s",
        [
            new("hangs", (answer, token) => { Interlocked.Increment(ref runs); return Task.Delay(Timeout.Infinite, CancellationToken.None); }),
            new("second", answer => Interlocked.Increment(ref runs)),
        ], caseTimeLimit: TimeSpan.FromSeconds(1));

        var result = exercise.Check(() => 1);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.StartsWith("Not run: an earlier case did not finish", result.Cases[1].Message, StringComparison.Ordinal);
        Assert.Equal(1, runs);
    }

    [Theory]
    [InlineData("01.0")]
    [InlineData("1.2")]
    [InlineData("01")]
    [InlineData("01.x")]
    [InlineData("exercise:01.2")]
    public void Constructor_MalformedId_ThrowsNamingTheFormat(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => new Exercise<int>(id, "t", "h", "s", [new("c", _ => { })]));

        Assert.Contains("01.2", error.Message, StringComparison.Ordinal);
    }

    private static Exercise<Func<int, int>> Doubling() => new(
        id: "99.1",
        title: "Double a number",
        hint: "Multiply by two.",
        solution: "int Double(int n) => n * 2;",
        cases:
        [
            new("Double(2) is 4", f => Expect.Equal(4, f(2), "Double(2)")),
            new("Double(0) is 0", f => Expect.Equal(0, f(0), "Double(0)")),
            new("Double(-3) is -6", f => Expect.Equal(-6, f(-3), "Double(-3)")),
        ]);

    [Fact]
    public async Task Check_WaitsForTheWarmUpStillRunning_SoNoCaseRunsBesideIt()
    {
        using var release = new ManualResetEventSlim();
        var warmUpRunning = 0;
        var casesBesideTheWarmUp = 0;
        var exercise = new Exercise<Func<int, int>>(
            id: "99.2", title: "Double a number", hint: "Multiply by two.", solution: "int Double(int n) => n * 2;",
            cases:
            [
                new("Double(2) is 4", f =>
                {
                    casesBesideTheWarmUp += Volatile.Read(ref warmUpRunning);
                    Expect.Equal(4, f(2), "Double(2)");
                }),
            ])
        {
            WarmUpAnswer = n =>
            {
                Volatile.Write(ref warmUpRunning, 1);
                release.Wait(TimeSpan.FromSeconds(30));
                Volatile.Write(ref warmUpRunning, 0);
                return 0;
            },
        };

        var warmUp = exercise.StartWarmUp();
        SpinWait.SpinUntil(() => Volatile.Read(ref warmUpRunning) == 1, TimeSpan.FromSeconds(30));
        var check = Task.Run(() => exercise.Check(n => n * 2));
        await Task.WhenAny(check, Task.Delay(200));
        Assert.False(check.IsCompleted, "the check ran while its warm-up was still running");
        release.Set();

        Assert.Equal(CheckOutcome.Correct, (await check.WaitAsync(TimeSpan.FromSeconds(30))).Outcome);
        Assert.Equal(0, casesBesideTheWarmUp);
        Assert.True(warmUp.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Check_AfterAWarmUpWhoseAnswerFailed_IsUnchanged()
    {
        var exercise = new Exercise<Func<int, int>>(
            id: "99.3", title: "Double a number", hint: "Multiply by two.", solution: "int Double(int n) => n * 2;",
            cases: [new("Double(2) is 4", f => Expect.Equal(4, f(2), "Double(2)"))])
        {
            WarmUpAnswer = _ => throw new InvalidOperationException("the stand-in failed"),
        };

        await exercise.StartWarmUp().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(CheckOutcome.Correct, exercise.Check(n => n * 2).Outcome);
        Assert.Equal(CheckOutcome.Incorrect, exercise.Check(n => n + 3).Outcome);
    }

    [Fact]
    public async Task StartWarmUp_RunsOncePerExercise()
    {
        var runs = 0;
        var exercise = new Exercise<Func<int, int>>(
            id: "99.4", title: "Double a number", hint: "Multiply by two.", solution: "int Double(int n) => n * 2;",
            cases: [new("Double(2) is 4", f => Expect.Equal(4, f(2), "Double(2)"))])
        {
            WarmUpAnswer = n => Interlocked.Increment(ref runs),
        };

        var first = exercise.StartWarmUp();
        var second = exercise.StartWarmUp();

        Assert.Same(first, second);
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, runs);
    }

    [Fact]
    public void Check_OneCauseFailingSeveralCases_IsSaidInTheFirst_AndTheOthersPointBackToIt()
    {
        var exercise = new Exercise<Func<int, int>>("99.8", "t", "h", "s",
        [
            new("first", f => Expect.Equal(2, f(1), "f(1)")),
            new("second", f => f(2)),
            new("third", f => f(3)),
            new("fourth", f => Expect.Equal(8, f(4), "f(4)")),
        ]);

        var result = exercise.Check(n => n == 1 ? 2 : throw new InvalidOperationException("broken"));

        Assert.Equal(
        [
            "",
            "Your code threw InvalidOperationException: broken (The same cause fails 2 more cases below.)",
            "The same cause as “second” above.",
            "The same cause as “second” above.",
        ], result.Cases.Select(c => c.Message));
    }
}
