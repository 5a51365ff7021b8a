using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Ipynb;

public sealed class NotebookCreateTests
{
    [Fact]
    public void Create_WithBuilders_WritesExactlyWhatNbformatWritesForTheSameContent()
    {
        var code = NotebookCell.Code("var s = \"héllo\";\nConsole.WriteLine(s);\n", tags: ["setup", "hide"], id: "code-1");
        code.SetOutputs(
        [
            NotebookOutput.Stream("stdout", "héllo\n\u001b[1mbold\u001b[0m\n"),
            NotebookOutput.Stream("stderr", "warn"),
            NotebookOutput.ExecuteResult(3, new Dictionary<string, string> { ["text/plain"] = "42\n43", ["text/html"] = "<b>42</b>" }),
            NotebookOutput.DisplayData(new Dictionary<string, string>
            {
                ["image/svg+xml"] = "<svg>\n</svg>",
                ["image/png"] = "iVBORw0KGgo=",
                ["application/vnd.custom+json"] = """{"z": [1, 2], "a": "x"}""",
            }),
            NotebookOutput.Error("DivideByZeroException", "Attempted to divide by zero.", ["\u001b[31mboom\u001b[0m", "  at Cell 1"]),
        ], 3);

        var notebook = Notebook.Create(
        [
            NotebookCell.Markdown("# Títle 正向代理\n\nSome *text* <b>&</b>.", id: "md-1"),
            code,
            NotebookCell.Code("1 + 1", id: "code-2"),
        ]);

        Assert.Equal(NotebookFixtures.NbformatCrossCheck, notebook.ToJson());
    }

    [Fact]
    public void Create_HasPolyglotMetadataAndNbformat45()
    {
        var notebook = Notebook.Create([NotebookCell.Code("1")]);

        Assert.Equal(4, notebook.NbFormat);
        Assert.Equal(5, notebook.NbFormatMinor);
        Assert.Null(notebook.Path);
        Assert.True(notebook.HasChanges);
        Assert.Equal(
            """{"kernelspec":{"display_name":".NET (C#)","language":"C#","name":".net-csharp"},"language_info":{"name":"polyglot-notebook"},"polyglot_notebook":{"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}}""",
            notebook.Metadata.ToJsonString());
        Assert.Equal(
            """{"dotnet_interactive":{"language":"csharp"},"polyglot_notebook":{"kernelName":"csharp"},"vscode":{"languageId":"csharp"}}""",
            notebook.Cells[0].Metadata.ToJsonString());
    }

    [Fact]
    public void Create_ThenParse_GivesTheSameCells()
    {
        var notebook = Notebook.Create([NotebookCell.Markdown("intro", id: "m"), NotebookCell.Code("x\ny", tags: ["t"], id: "c")]);

        var reread = Notebook.Parse(notebook.ToJson());

        Assert.Equal(["m", "c"], reread.Cells.Select(c => c.Id));
        Assert.Equal(["intro", "x\ny"], reread.Cells.Select(c => c.Source));
        Assert.Equal(["t"], reread.Cells[1].Tags);
        Assert.Equal(notebook.ToJson(), reread.ToJson());
        Assert.False(reread.HasChanges);
    }

    [Fact]
    public void Create_EmptyNotebook_IsValid()
    {
        var text = Notebook.Create([]).ToJson();

        Assert.StartsWith("{\n \"cells\": [],\n \"metadata\": {\n", text);
        Assert.EndsWith(" \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n", text);
    }

    [Fact]
    public void Create_CellOfAnotherNotebook_IsCopied()
    {
        var cell = NotebookCell.Code("x", id: "c");
        var first = Notebook.Create([cell]);

        var second = Notebook.Create([cell]);
        second.Cells[0].SetOutputs([NotebookOutput.Stream("stdout", "x")], 1);

        Assert.False(first.Cells[0].HasOutputs);
        Assert.True(second.Cells[0].HasOutputs);
    }

    [Fact]
    public void Create_DuplicateIds_Throw()
    {
        var error = Assert.Throws<ArgumentException>(() => Notebook.Create([NotebookCell.Code("a", id: "same"), NotebookCell.Markdown("b", id: "same")]));

        Assert.Contains("same", error.Message);
    }

    [Fact]
    public void Create_ExtraMetadata_IsSortedOnWrite()
    {
        var notebook = Notebook.Create([NotebookCell.Code("x", metadata: new JsonObject { ["a_first"] = 1 }, id: "c")]);

        var text = notebook.ToJson();

        Assert.Contains("\"metadata\": {\n    \"a_first\": 1,\n    \"dotnet_interactive\": {", text);
    }
}
