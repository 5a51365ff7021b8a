using System.Globalization;
using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;
using Course.Notebooks.Sessions;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Running;

public sealed class NotebookRunnerTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static async Task<List<NotebookRunEvent>> RunAsync(Notebook notebook, NotebookRunOptions? options = null)
    {
        var events = new List<NotebookRunEvent>();
        await foreach (var runEvent in NotebookRunner.RunAsync(notebook, options ?? new NotebookRunOptions()))
        {
            events.Add(runEvent);
        }
        return events;
    }

    [Fact]
    public async Task Run_NumbersOnlyCodeCells_AndRunsThemInOrder()
    {
        var path = TestNotebooks.Write(_directory.PathOf("a.ipynb"), "# Title", "var x = 1;", "# More", "x + 1", "x + 2");

        var events = await RunAsync(Notebook.Load(path));

        var results = events.Where(e => e.Event is ResultOutput).Select(e => (e.CellNumber, ((ResultOutput)e.Event).Data["text/plain"]));
        Assert.Equal([(2, "2"), (3, "3")], results);
        Assert.Equal([1, 2, 3], events.Where(e => e.Event is CellCompleted).Select(e => e.CellNumber));
    }

    [Fact]
    public async Task Run_OnlyCells_RunsThoseCodeCells_KeepingTheirNumbers()
    {
        var path = TestNotebooks.Write(_directory.PathOf("a.ipynb"), "var x = 1;", "throw new Exception(\"skipped\");", "# prose", "x + 1", "x + 2");

        var events = await RunAsync(Notebook.Load(path), new NotebookRunOptions { OnlyCells = new HashSet<int> { 1, 4 } });

        Assert.Equal([1, 4], events.Where(e => e.Event is CellCompleted).Select(e => e.CellNumber));
        Assert.Equal([(4, "3")], events.Where(e => e.Event is ResultOutput).Select(e => (e.CellNumber, ((ResultOutput)e.Event).Data["text/plain"])));
    }

    [Fact]
    public async Task Run_StopsAtTheFirstFailingCell()
    {
        var path = TestNotebooks.Write(_directory.PathOf("a.ipynb"), "var a = 1;", "var b = 2;", "int c = \"three\";", "Console.WriteLine(\"never\");");

        var events = await RunAsync(Notebook.Load(path));

        var error = Assert.Single(events, e => e.Event is ErrorOutput);
        Assert.Equal(3, error.CellNumber);
        Assert.Equal("CS0029", ((ErrorOutput)error.Event).Name);
        Assert.DoesNotContain(events, e => e.CellNumber == 4);
    }

    [Fact]
    public async Task Run_RunsInTheNotebooksFolder()
    {
        var path = TestNotebooks.Write(_directory.PathOf("sub/a.ipynb"), "System.IO.Directory.GetCurrentDirectory()");

        var events = await RunAsync(Notebook.Load(path));

        Assert.Equal(Path.GetDirectoryName(path), ((ResultOutput)events.Single(e => e.Event is ResultOutput).Event).Data["text/plain"]);
    }

    [Fact]
    public async Task Run_WithASessionStartedAhead_UsesThatProcess_AndEndsIt()
    {
        var path = TestNotebooks.Write(_directory.PathOf("sub/a.ipynb"), "Environment.ProcessId");
        var prepared = await NotebookRunner.StartSessionAsync(Path.GetDirectoryName(path)!, new NotebookRunOptions());
        var process = System.Diagnostics.Process.GetProcessById(prepared.ProcessId!.Value);

        var events = await RunAsync(Notebook.Load(path), new NotebookRunOptions { Session = Task.FromResult(prepared) });

        Assert.Equal(process.Id.ToString(CultureInfo.InvariantCulture), ((ResultOutput)events.Single(e => e.Event is ResultOutput).Event).Data["text/plain"]);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the run did not end the session it was given");
        await prepared.DisposeAsync(); // taken by the run: nothing left to end
    }

    [Fact]
    public async Task Run_WithASessionStartedForAnotherFolder_FailsBeforeRunningAnything_AndTheUnusedSessionEndsOnDispose()
    {
        var path = TestNotebooks.Write(_directory.PathOf("sub/a.ipynb"), "1");
        var prepared = await NotebookRunner.StartSessionAsync(_directory.FullName, new NotebookRunOptions());
        var process = System.Diagnostics.Process.GetProcessById(prepared.ProcessId!.Value);

        await Assert.ThrowsAsync<ArgumentException>(() => RunAsync(Notebook.Load(path), new NotebookRunOptions { Session = Task.FromResult(prepared) }));
        Assert.False(process.HasExited);
        await prepared.DisposeAsync();

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "disposing an unused prepared session did not end its process");
    }

    [Fact]
    public async Task Run_WithoutWriteOutputs_LeavesTheFileByteIdentical()
    {
        var path = TestNotebooks.Write(_directory.PathOf("a.ipynb"), "# Title", "Console.WriteLine(\"hi\"); 42");
        var before = await File.ReadAllBytesAsync(path);

        await RunAsync(Notebook.Load(path));

        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Run_WithWriteOutputs_SavesJupyterOutputs_AndNeverTouchesSources()
    {
        var path = TestNotebooks.Write(_directory.PathOf("a.ipynb"), "# Title", "Console.WriteLine(\"hi\");\ndisplay(\"shown\");\n42", "throw new Exception(\"boom\");");
        var sourcesBefore = Notebook.Load(path).Cells.Select(c => (c.Id, c.Source, c.Metadata.ToJsonString())).ToList();

        await RunAsync(Notebook.Load(path), new NotebookRunOptions { WriteOutputs = true });

        var saved = Notebook.Load(path);
        Assert.Equal(sourcesBefore, saved.Cells.Select(c => (c.Id, c.Source, c.Metadata.ToJsonString())).ToList());
        var outputs = saved.Cells[1].Outputs!.Select(o => o!["output_type"]!.GetValue<string>());
        Assert.Equal(["stream", "display_data", "execute_result"], outputs);
        Assert.Equal(1, saved.Cells[1].ExecutionCount);
        Assert.Equal(1, saved.Cells[1].Outputs![2]!["execution_count"]!.GetValue<int>());
        Assert.Equal("error", saved.Cells[2].Outputs![0]!["output_type"]!.GetValue<string>());
        Assert.Equal("boom", saved.Cells[2].Outputs![0]!["evalue"]!.GetValue<string>());
        Assert.Equal(["a.ipynb"], Directory.GetFiles(_directory.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Run_WithWriteOutputs_SavesAnUpdatedDisplay_AsOneOutputWithItsLastValue_WhereItWasShown()
    {
        var path = TestNotebooks.Write(_directory.PathOf("a.ipynb"),
            "var progress = display(\"0 of 10\");\nConsole.WriteLine(\"working\");\nfor (var i = 1; i <= 10; i++) progress.Update($\"{i} of 10\");");

        await RunAsync(Notebook.Load(path), new NotebookRunOptions { WriteOutputs = true });

        var outputs = Notebook.Load(path).Cells[0].Outputs!;
        Assert.Equal(["display_data", "stream"], outputs.Select(o => o!["output_type"]!.GetValue<string>()));
        Assert.Equal(["10 of 10"], outputs[0]!["data"]!["text/plain"]!.AsArray().Select(line => line!.GetValue<string>()));
    }

    [Fact]
    public async Task Run_WithWriteOutputs_ClearsOldOutputsOfCellsThisRunDidNotReach()
    {
        var path = TestNotebooks.Write(_directory.PathOf("a.ipynb"), "var a = 1;", "a");
        await RunAsync(Notebook.Load(path), new NotebookRunOptions { WriteOutputs = true });
        var broken = Notebook.Load(path);
        broken.Cells[0].SetOutputs([], null);
        await File.WriteAllTextAsync(path, broken.ToJson().Replace("var a = 1;", "var a = ;", StringComparison.Ordinal));

        await RunAsync(Notebook.Load(path), new NotebookRunOptions { WriteOutputs = true });

        var saved = Notebook.Load(path);
        Assert.Equal("error", saved.Cells[0].Outputs![0]!["output_type"]!.GetValue<string>());
        Assert.False(saved.Cells[1].HasOutputs);
        Assert.Null(saved.Cells[1].ExecutionCount);
    }

    [Fact]
    public async Task Run_WithWriteOutputs_DoesNotOverwriteEditsMadeWhileItRan()
    {
        var path = TestNotebooks.Write(_directory.PathOf("a.ipynb"), "Console.WriteLine(\"started\");\nawait Task.Delay(1000);\n1");
        var edited = (await File.ReadAllTextAsync(path)).Replace("1000", "2000", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var runEvent in NotebookRunner.RunAsync(Notebook.Load(path), new NotebookRunOptions { WriteOutputs = true }))
            {
                if (runEvent.Event is StreamOutput)
                {
                    await File.WriteAllTextAsync(path, edited); // the learner saves the notebook in an editor meanwhile
                }
            }
        });

        Assert.Contains("was changed while it ran", error.Message, StringComparison.Ordinal);
        Assert.Equal(edited, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Run_WithWriteOutputs_DoesNotOverwriteAnEditSavedAfterTheNotebookWasLoaded()
    {
        var path = TestNotebooks.Write(_directory.PathOf("a.ipynb"), "Console.WriteLine(\"started\");");
        var loaded = Notebook.Load(path);
        var edited = (await File.ReadAllTextAsync(path)).Replace("started", "edited", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, edited); // saved in an editor while the run starts its process

        var error = await Assert.ThrowsAsync<IOException>(() => RunAsync(loaded, new NotebookRunOptions { WriteOutputs = true }));

        Assert.Contains("was changed while it ran, so its outputs were not saved", error.Message, StringComparison.Ordinal);
        Assert.Equal(edited, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Run_WithWriteOutputs_RemovesTemporaryFilesAnInterruptedSaveLeft()
    {
        var path = TestNotebooks.Write(_directory.PathOf("a.ipynb"), "1");
        var stale = _directory.PathOf(".a.ipynb.0123abcd.tmp");
        await File.WriteAllTextAsync(stale, "half a notebook");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromHours(1));
        var other = _directory.PathOf(".b.ipynb.0123abcd.tmp");
        await File.WriteAllTextAsync(other, "another notebook's");
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow - TimeSpan.FromHours(1));

        await RunAsync(Notebook.Load(path), new NotebookRunOptions { WriteOutputs = true });

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(other));
    }

    [Fact]
    public async Task Run_CellMetadataTimeLimit_AppliesToThatCell()
    {
        var notebook = Notebook.Create([TestNotebooks.CodeWithTimeLimit("while (true) {}", JsonValue.Create(1), "spin")]);
        notebook.Save(_directory.PathOf("a.ipynb"));

        var events = await RunAsync(Notebook.Load(_directory.PathOf("a.ipynb")), new NotebookRunOptions { DefaultTimeLimit = TimeSpan.FromMinutes(5) });

        var error = (ErrorOutput)events.Single(e => e.Event is ErrorOutput).Event;
        Assert.Equal(ErrorKind.TimeLimit, error.Kind);
        Assert.Contains("time limit of 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedTimeLimitMetadata_IsAClearFormatError()
    {
        var notebook = Notebook.Create([TestNotebooks.CodeWithTimeLimit("1", JsonValue.Create("soon"), "bad")]);
        notebook.Save(_directory.PathOf("a.ipynb"));

        var error = await Assert.ThrowsAsync<NotebookFormatException>(() => RunAsync(Notebook.Load(_directory.PathOf("a.ipynb"))));

        Assert.Contains("course.timeoutSeconds", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    public void Dispose() => _directory.Dispose();
}
