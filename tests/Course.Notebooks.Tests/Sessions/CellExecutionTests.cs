using Course.Notebooks.Sessions;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Sessions;

/// <summary>How cells run in one session; the session is shared, so each test uses its own names.</summary>
public class CellExecutionTests(SharedSession shared) : IClassFixture<SharedSession>
{
    private NotebookSession Session => shared.Session;

    [Fact]
    public async Task Cells_ShareState()
    {
        await Session.RunOkAsync("var stateCounter = 41;");

        var result = await Session.RunOkAsync("stateCounter + 1");

        Assert.Equal("42", result.Result);
    }

    [Fact]
    public async Task LastExpression_WithoutSemicolon_IsDisplayed_WithSemicolon_IsNot()
    {
        Assert.Equal("3", (await Session.RunOkAsync("Math.Max(1, 3)")).Result);
        Assert.Null((await Session.RunOkAsync("Math.Max(1, 3);")).Result);
    }

    [Fact]
    public async Task LastExpression_OfTypeVoid_IsNotDisplayed()
    {
        var result = await Session.RunOkAsync("Console.WriteLine(\"printed\")");

        Assert.Equal("printed\n", result.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Empty(result.Outputs.OfType<ResultOutput>());
    }

    [Fact]
    public async Task LastExpression_Null_IsDisplayedAsNull()
    {
        Assert.Equal("<null>", (await Session.RunOkAsync("(string?)null")).Result);
    }

    [Fact]
    public async Task TopLevelAwait_Works()
    {
        Assert.Equal("done", (await Session.RunOkAsync("await Task.Delay(10);\nawait Task.FromResult(\"done\")")).Result);
    }

    [Fact]
    public async Task Display_MidCell_KeepsOrder_ConsoleThenDisplayThenResult()
    {
        var result = await Session.RunOkAsync("""
            Console.WriteLine("first");
            display(new { Second = 2 });
            "third"
            """);

        Assert.Collection(result.Outputs,
            o => Assert.Equal("first", Assert.IsType<StreamOutput>(o).Text.Trim()),
            o => Assert.Equal("{ Second = 2 }", Assert.IsType<DisplayOutput>(o).Data["text/plain"]),
            o => Assert.Equal("third", Assert.IsType<ResultOutput>(o).Data["text/plain"]));
    }

    [Fact]
    public async Task TypesDeclaredInACell_AreUsableInLaterCells()
    {
        await Session.RunOkAsync("public record Book(string Title, int Pages);");

        var result = await Session.RunOkAsync("new Book(\"SICP\", 657)");

        Assert.Equal("Book { Title = SICP, Pages = 657 }", result.Result);
    }

    [Fact]
    public async Task TypesDeclaredInACell_RoundTripThroughSystemTextJson()
    {
        // System.Text.Json is not among a plain script's references: like Polyglot, name it.
        await Session.RunOkAsync("#r \"System.Text.Json\"\npublic record Order(int Id, string Item);");

        var result = await Session.RunOkAsync("""
            System.Text.Json.JsonSerializer.Deserialize<Order>(
                System.Text.Json.JsonSerializer.Serialize(new Order(7, "tea")))
            """);

        Assert.Equal("Order { Id = 7, Item = tea }", result.Result);
    }

    [Fact]
    public async Task LanguageVersion_IsCSharp14()
    {
        // The `field` keyword in accessors is C# 14.
        var result = await Session.RunOkAsync("""
            class Doubler { public int Value { get => field; set => field = value * 2; } }
            new Doubler { Value = 21 }.Value
            """);

        Assert.Equal("42", result.Result);
    }

    [Fact]
    public async Task ConsoleOutput_OfOneCell_IsTruncatedAfterTheLimit_WithALineThatSaysSo_AndTheNextCellPrintsAgain()
    {
        // 20 million characters from stdout and stderr: only the first million (and the marker) reach the notebook.
        var flood = await Session.RunOkAsync("""
            var line = new string('x', 99);
            for (var i = 0; i < 100_000; i++) { Console.WriteLine(line); Console.Error.WriteLine(line); }
            """);
        var next = await Session.RunOkAsync("Console.WriteLine(\"next cell\")");

        var printed = flood.Stdout + flood.Stderr;
        Assert.InRange(printed.Length, 1_000_000, 1_000_000 + 200);
        Assert.Contains("… output truncated: the cell printed more than 1,000,000 characters or 20,000 lines, and the rest is not shown (nor saved).", printed, StringComparison.Ordinal);
        Assert.Equal(1, printed.Split("output truncated").Length - 1);
        Assert.StartsWith("next cell", next.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleOutput_OfOneCell_IsTruncatedAfter20000Lines_EvenWhenShort()
    {
        var flood = await Session.RunOkAsync("for (var i = 0; i < 50_000; i++) Console.WriteLine(i);");

        var lines = flood.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        Assert.Equal("19999", lines[19_999]);
        Assert.StartsWith("… output truncated", lines[20_001], StringComparison.Ordinal);
        Assert.Equal(20_003, lines.Length); // 20,000 lines, the marker between two line breaks, and the end
    }

    [Fact]
    public async Task Displays_OfOneCell_StopAfter1000_WithALineThatSaysSo()
    {
        var result = await Session.RunOkAsync("for (var i = 0; i < 3_000; i++) display(i);");

        Assert.Equal(1_000, result.Outputs.OfType<DisplayOutput>().Count());
        Assert.Equal("999", result.Outputs.OfType<DisplayOutput>().Last().Data["text/plain"]);
        Assert.Equal("… displays truncated: the cell displayed more than 1,000 values or 10,000,000 characters, and the rest are not shown (nor saved).\n", result.Stdout);
    }

    [Fact]
    public async Task DisplayUpdate_SendsTheNewValue_UnderTheFirstDisplaysId()
    {
        var result = await Session.RunOkAsync("""
            var progress = display("step 0");
            for (var step = 1; step <= 3; step++) progress.Update($"step {step}");
            progress.DisplayId
            """);

        var displays = result.Outputs.OfType<DisplayOutput>().ToList();
        Assert.Equal(["step 0", "step 1", "step 2", "step 3"], displays.Select(d => d.Data["text/plain"]));
        Assert.Equal([false, true, true, true], displays.Select(d => d.IsUpdate));
        Assert.Single(displays.Select(d => d.DisplayId).Distinct());
        Assert.Equal(displays[0].DisplayId, result.Result);
    }

    [Fact]
    public async Task ACellEndingWithDisplay_WithoutASemicolon_ShowsTheValueOnce_NotItsHandle()
    {
        var result = await Session.RunOkAsync("display(\"once\")");

        Assert.Equal("once", Assert.Single(result.Outputs.OfType<DisplayOutput>()).Data["text/plain"]);
        Assert.Null(result.Result);
    }

    [Fact]
    public async Task DisplayUpdates_DoNotCountAsDisplays_AgainstTheLimitOf1000()
    {
        var result = await Session.RunOkAsync("var ticker = display(0); for (var i = 1; i <= 3_000; i++) ticker.Update(i);");

        Assert.Equal("3000", result.Outputs.OfType<DisplayOutput>().Last().Data["text/plain"]);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Displays_OfOneCell_StopAfterTenMillionCharacters()
    {
        var result = await Session.RunOkAsync("for (var i = 0; i < 20; i++) display(new string('x', 1_000_000));");

        var shown = result.Outputs.OfType<DisplayOutput>().ToList();
        Assert.InRange(shown.Sum(d => d.Data.Values.Sum(v => (long)v.Length)), 1, 10_000_000);
        Assert.InRange(shown.Count, 1, 10);
        Assert.StartsWith("… displays truncated", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleOutput_FromThreadPoolContinuations_IsCaptured()
    {
        var result = await Session.RunOkAsync("""
            await Task.Run(() => Console.WriteLine("from the pool"));
            await Task.Delay(1).ContinueWith(_ => Console.Error.WriteLine("from a continuation"));
            """);

        Assert.Contains("from the pool", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("from a continuation", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleOutput_WrittenAfterTheCellEnded_AppearsInTheNextCell()
    {
        await Session.RunOkAsync("""
            var lateSignal = new TaskCompletionSource();
            _ = Task.Run(async () => { await lateSignal.Task; await Task.Delay(500); Console.WriteLine("late line"); });
            """);
        var signalling = await Session.RunOkAsync("lateSignal.SetResult();");
        await Task.Delay(TimeSpan.FromSeconds(3)); // the line is written while no cell runs

        var next = await Session.RunOkAsync("1");

        Assert.DoesNotContain("late line", signalling.Stdout, StringComparison.Ordinal);
        Assert.Contains("late line", next.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleReadLine_FailsAtOnceWithAClearMessage()
    {
        var result = await Session.RunAsync("Console.ReadLine()");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Contains("Console input is not available in a notebook cell", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompileError_IsLocatedByCellAndLine_WithTheDiagnosticId()
    {
        var result = await Session.RunAsync("var fine = 1;\nint wrong = \"text\";", cellNumber: 3);

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal(ErrorKind.Compilation, result.Error!.Kind);
        Assert.Equal("CS0029", result.Error.Name);
        Assert.Equal(2, result.Error.Line);
        Assert.Contains("cell 3, line 2: error CS0029", result.Error.Traceback[0], StringComparison.Ordinal);
    }

    // A Roslyn bug (NullReferenceException in its binder, C# 14 scripts): a top-level deconstruction of a switch expression.
    [Fact]
    public async Task CompilerCrash_IsNamedAsTheCompilersBug_AndTheSessionGoesOn()
    {
        var result = await Session.RunAsync("""
            var (first, second) = Environment.ProcessorCount switch
            {
                0 => (new long[] { 0 }, new long[] { 1 }),
                _ => (new long[0], new long[0]),
            };
            """, cellNumber: 4);

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal("CompilerCrash", result.Error!.Name);
        Assert.StartsWith("The C# compiler crashed while compiling cell 4 (NullReferenceException inside Roslyn): a bug in the compiler, not an error in the cell.",
            result.Error.Message, StringComparison.Ordinal);
        Assert.Equal("2", (await Session.RunOkAsync("1 + 1")).Result);
    }

    [Fact]
    public async Task CompileError_DoesNotLoseEarlierState()
    {
        await Session.RunOkAsync("var survivor = \"still here\";");
        await Session.RunAsync("survivor = ;");

        Assert.Equal("still here", (await Session.RunOkAsync("survivor")).Result);
    }

    [Fact]
    public async Task Exception_IsLocatedByTheLineThatThrew()
    {
        var result = await Session.RunAsync("var ok = 1;\n\nthrow new InvalidOperationException(\"boom\");", cellNumber: 5);

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal(ErrorKind.Exception, result.Error!.Kind);
        Assert.Equal("System.InvalidOperationException", result.Error.Name);
        Assert.Equal("boom", result.Error.Message);
        Assert.Equal(3, result.Error.Line);
    }

    [Fact]
    public async Task Exception_InAMethodFromAnEarlierCell_NamesThatCell()
    {
        await Session.RunOkAsync("void Explode()\n{\n    throw new ArgumentException(\"bad\");\n}", cellNumber: 20);

        var result = await Session.RunAsync("Explode();", cellNumber: 21);

        Assert.Contains("at Explode() in cell 20, line 3", string.Join("\n", result.Error!.Traceback), StringComparison.Ordinal);
        Assert.Null(result.Error.Line); // not a line of cell 21
    }

    [Fact]
    public async Task Exception_WrappingAnother_IsLocatedWhereTheOuterOneWasThrown()
    {
        var result = await Session.RunAsync("""
            try
            {
                throw new InvalidOperationException("inner");
            }
            catch (Exception e)
            {
                throw new ApplicationException("outer", e);
            }
            """, cellNumber: 22);

        Assert.Equal("outer", result.Error!.Message);
        Assert.Equal(7, result.Error.Line);
    }

    [Fact]
    public async Task ExecutionCount_IncreasesWithEveryCell()
    {
        var first = await Session.RunOkAsync("1");
        var second = await Session.RunOkAsync("2");

        Assert.Equal(first.Completed.ExecutionCount + 1, second.Completed.ExecutionCount);
    }
}

/// <summary>One session shared by the tests of a class.</summary>
public sealed class SharedSession : IAsyncLifetime
{
    public NotebookSession Session { get; private set; } = null!;

    public async Task InitializeAsync() => Session = await TestSessions.StartAsync();

    public async Task DisposeAsync() => await Session.DisposeAsync();
}
