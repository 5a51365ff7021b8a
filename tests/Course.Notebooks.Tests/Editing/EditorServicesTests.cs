using Course.Notebooks.Editing;
using Course.Notebooks.Sessions;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Editing;

// Completion and inspection as a notebook front end asks for them: against the cells that ran so far.
public class EditorServicesTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(3); // the first request loads the editor workspace: slow on a loaded machine

    [Fact]
    public async Task Completion_OffersMembersOfAVariableFromAnEarlierCell()
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunOkAsync("""var greeting = "hello"; record Pet(string Name, int Age);""");

        var code = "greeting.ToUp";
        var completions = await CompleteAsync(session, code, code.Length);

        Assert.Equal(code.IndexOf("ToUp", StringComparison.Ordinal), completions.Start);
        Assert.Equal(code.Length, completions.End);
        Assert.Contains(completions.Matches, m => m.Text == "ToUpper" && m.Kind == "Method");
        Assert.Contains(completions.Matches, m => m.Text == "ToUpperInvariant");
        Assert.DoesNotContain(completions.Matches, m => m.Text == "ToLower"); // filtered by what is typed
    }

    [Fact]
    public async Task Completion_SeesTypesDeclaredInEarlierCells_AndTheirMembers()
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunOkAsync("record Pet(string Name, int Age);");
        await session.RunOkAsync("var rex = new Pet(\"Rex\", 3);");

        var afterDot = await CompleteAsync(session, "rex.", 4);
        Assert.Contains(afterDot.Matches, m => m.Text == "Name" && m.Kind == "Property");
        Assert.Contains(afterDot.Matches, m => m.Text == "Age");

        var typeName = await CompleteAsync(session, "var p = new Pe", 14);
        Assert.Contains(typeName.Matches, m => m.Text == "Pet");
    }

    [Fact]
    public async Task Completion_SeesTheReferencesOfEarlierCells_AndTheDefaultImports()
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunOkAsync("#r \"System.Text.Json\"\nusing System.Text.Json;");

        var code = "JsonSerializer.Seri";
        var completions = await CompleteAsync(session, code, code.Length);
        Assert.Contains(completions.Matches, m => m.Text == "Serialize");

        var linq = await CompleteAsync(session, "new[] { 1, 2 }.Whe", 18);
        Assert.Contains(linq.Matches, m => m.Text == "Where"); // System.Linq is imported by default, as in Polyglot
        var display = await CompleteAsync(session, "disp", 4);
        Assert.Contains(display.Matches, m => m.Text == "display"); // the notebook's global
    }

    [Fact]
    public async Task Completion_WorksBeforeAnyCellRan_AndIgnoresCellsThatFailedToCompile()
    {
        await using var session = await TestSessions.StartAsync();
        var console = await CompleteAsync(session, "Console.WriteL", 14);
        Assert.Contains(console.Matches, m => m.Text == "WriteLine");

        await session.RunAsync("var broken = ;");
        var none = await CompleteAsync(session, "brok", 4);
        Assert.DoesNotContain(none.Matches, m => m.Text == "broken");
    }

    [Fact]
    public async Task Completion_IsAnsweredWhileACellRuns()
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunOkAsync("var total = 42;");
        using var stop = new CancellationTokenSource();
        var running = Task.Run(async () => await session.RunAsync("while (true) { await Task.Delay(20); }").ConfigureAwait(false));
        try
        {
            var completions = await CompleteAsync(session, "tot", 3);
            Assert.Contains(completions.Matches, m => m.Text == "total");
        }
        finally
        {
            session.Interrupt();
            Assert.Equal(CellStatus.Interrupted, (await running.WaitAsync(s_patience)).Status);
        }
    }

    [Fact]
    public async Task Inspection_ShowsTheSignatureAndDocs_OfFrameworkAndNotebookSymbols()
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunOkAsync("/// <summary>Adds one.</summary>\nint Inc(int n) => n + 1;");

        var framework = await InspectAsync(session, "Math.Max(1, 2)", "Math.M".Length);
        Assert.True(framework.Found);
        Assert.Contains("Math.Max(", framework.Text, StringComparison.Ordinal);
        Assert.True(framework.Text.Contains("larger", StringComparison.OrdinalIgnoreCase), framework.Text); // from the reference pack's XML docs

        var own = await InspectAsync(session, "Inc(3)", 2);
        Assert.True(own.Found);
        Assert.Contains("int Inc(int n)", own.Text, StringComparison.Ordinal);

        var nothing = await InspectAsync(session, "   ", 1);
        Assert.False(nothing.Found);
    }

    [Fact]
    public async Task EditorRequests_AfterTheProcessEnded_AnswerNothing()
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunAsync("System.Environment.Exit(3);");
        Assert.False(session.IsAlive);

        var completions = await CompleteAsync(session, "Console.", 8);
        Assert.Empty(completions.Matches);
        Assert.False((await InspectAsync(session, "Console", 3)).Found);
    }

    private static async Task<CellCompletions> CompleteAsync(NotebookSession session, string code, int position)
    {
        using var limit = new CancellationTokenSource(s_patience);
        return await session.CompleteAsync(code, position, limit.Token);
    }

    private static async Task<CellInspection> InspectAsync(NotebookSession session, string code, int position)
    {
        using var limit = new CancellationTokenSource(s_patience);
        return await session.InspectAsync(code, position, limit.Token);
    }
}
