using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Ipynb;

public sealed class NotebookCellTests
{
    [Fact]
    public void Cells_ExposeTypeIdSourceTagsOutputsAndExecutionCount()
    {
        var cells = Notebook.Parse(NotebookFixtures.NbformatWritten).Cells;

        Assert.Equal(["markdown", "code", "raw", "code"], cells.Select(c => c.CellType));
        Assert.Equal([false, true, false, true], cells.Select(c => c.IsCode));
        Assert.Equal("# 正向代理与反向代理 🚀\n\nUse `<b>&</b>` — it's \"quoted\", a\\backslash and a/slash.\tTab\n", cells[0].Source);
        Assert.Equal(["intro"], cells[0].Tags);
        Assert.Equal("Console.WriteLine(\"\\u001b[31mred\");\nvar x = 1;", cells[1].Source);
        Assert.Equal(1, cells[1].ExecutionCount);
        Assert.True(cells[1].HasOutputs);
        Assert.Equal(4, cells[1].Outputs!.Count);
        Assert.Equal("raw \b\f\u0000\u0001 text\r\nend", cells[2].Source);
        Assert.Null(cells[2].Outputs);
        Assert.False(cells[2].HasOutputs);
        Assert.Null(cells[3].ExecutionCount);
        Assert.False(cells[3].HasOutputs);
        Assert.Equal("", cells[3].Source);
        Assert.Empty(cells[3].Tags);
    }

    [Fact]
    public void SetOutputs_LeavesEveryOtherPartOfTheNotebookUnchanged()
    {
        var notebook = Notebook.Parse(NotebookFixtures.NbformatWritten);
        var before = Parts(JsonNode.Parse(notebook.ToJson())!);

        notebook.Cells[3].SetOutputs([NotebookOutput.Stream("stdout", "hi\n")], 5);
        notebook.Cells[1].SetOutputs([], null);
        var after = Parts(JsonNode.Parse(notebook.ToJson())!);

        Assert.Equal(before.Count, after.Count);
        foreach (var (part, json) in before)
        {
            if (part.EndsWith("/outputs", StringComparison.Ordinal) || part.EndsWith("/execution_count", StringComparison.Ordinal))
            {
                continue;
            }
            Assert.Equal(json, after[part]);
        }
        Assert.Equal("[{\"name\":\"stdout\",\"output_type\":\"stream\",\"text\":[\"hi\\n\"]}]", after["cells[3]/outputs"]);
        Assert.Equal("5", after["cells[3]/execution_count"]);
        Assert.Equal("[]", after["cells[1]/outputs"]);
        Assert.Equal("null", after["cells[1]/execution_count"]);
    }

    [Fact]
    public void SetOutputs_ReplacesValuesInPlace_KeepingTheCellsKeyOrder()
    {
        var notebook = Notebook.Parse(NotebookFixtures.HandEdited);
        var cell = notebook.Cells[1];

        cell.SetOutputs([NotebookOutput.Stream("stdout", "1\n")], 1);

        Assert.Equal(["id", "cell_type", "metadata", "source", "outputs", "execution_count"], cell.Metadata.Parent!.AsObject().Select(p => p.Key));
        Assert.Contains(
            "      \"outputs\": [\n        {\n          \"name\": \"stdout\",\n          \"output_type\": \"stream\",\n          \"text\": [\n            \"1\\n\"\n          ]\n        }\n      ],\n      \"execution_count\": 1\n    },",
            notebook.ToJson());
    }

    [Fact]
    public void SetOutputs_MissingKeys_AreAppended()
    {
        const string text = """{"cells": [{"cell_type": "code", "source": "x", "metadata": {}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}""";
        var notebook = Notebook.Parse(text);

        notebook.Cells[0].SetOutputs([], 2);

        Assert.Equal(
            """{"cells": [{"cell_type": "code", "source": "x", "metadata": {}, "execution_count": 2, "outputs": []}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}""",
            notebook.ToJson());
    }

    [Fact]
    public void SetOutputs_InNbformatFile_IsWrittenExactlyAsNbformatWouldWriteIt()
    {
        var notebook = Notebook.Parse(NotebookFixtures.NbformatWritten);

        notebook.Cells[3].SetOutputs(
        [
            NotebookOutput.Stream("stdout", "a\nb"),
            NotebookOutput.ExecuteResult(2, new Dictionary<string, string> { ["text/plain"] = "\"x\"" }),
        ], 2);

        // Hand-written: the "empty" cell of the fixture as nbformat writes it with these outputs.
        const string expectedCell = """
              {
               "cell_type": "code",
               "execution_count": 2,
               "id": "empty",
               "metadata": {},
               "outputs": [
                {
                 "name": "stdout",
                 "output_type": "stream",
                 "text": [
                  "a\n",
                  "b"
                 ]
                },
                {
                 "data": {
                  "text/plain": [
                   "\"x\""
                  ]
                 },
                 "execution_count": 2,
                 "metadata": {},
                 "output_type": "execute_result"
                }
               ],
               "source": []
              }
            """;
        const string originalCell = """
              {
               "cell_type": "code",
               "execution_count": null,
               "id": "empty",
               "metadata": {},
               "outputs": [],
               "source": []
              }
            """;
        var expected = NotebookFixtures.NbformatWritten.Replace(NotebookFixtures.Lf(originalCell), NotebookFixtures.Lf(expectedCell), StringComparison.Ordinal);
        Assert.NotEqual(NotebookFixtures.NbformatWritten, expected);
        Assert.Equal(expected, notebook.ToJson());
    }

    [Fact]
    public void SetOutputs_OutputOfAnotherCell_IsCopied()
    {
        var notebook = Notebook.Parse(NotebookFixtures.NbformatWritten);
        var borrowed = notebook.Cells[1].Outputs![0]!.AsObject();

        notebook.Cells[3].SetOutputs([borrowed], 1);

        Assert.Equal(4, notebook.Cells[1].Outputs!.Count);
        Assert.Equal(borrowed.ToJsonString(), notebook.Cells[3].Outputs![0]!.ToJsonString());
    }

    [Fact]
    public void SetOutputs_OnAMarkdownCell_Throws()
    {
        var notebook = Notebook.Parse(NotebookFixtures.NbformatWritten);

        var error = Assert.Throws<InvalidOperationException>(() => notebook.Cells[0].SetOutputs([], 1));

        Assert.Contains("intro-1", error.Message);
        Assert.False(notebook.HasChanges);
    }

    [Fact]
    public void SetOutputs_OutputWithoutOutputType_Throws()
    {
        var cell = NotebookCell.Code("x");

        Assert.Throws<ArgumentException>(() => cell.SetOutputs([new JsonObject { ["text"] = "x" }], 1));
    }

    [Fact]
    public void ClearOutputs_SetsEmptyOutputsAndNullExecutionCount()
    {
        var notebook = Notebook.Parse(NotebookFixtures.HandEdited);
        var cell = notebook.Cells[2];

        cell.ClearOutputs();
        notebook.Cells[0].ClearOutputs();

        Assert.False(cell.HasOutputs);
        Assert.Null(cell.ExecutionCount);
        Assert.Contains("\"source\": \"Console.WriteLine(\\\"hi\\\");\",\n      \"execution_count\": null,\n      \"outputs\": []\n    }", notebook.ToJson());
        Assert.DoesNotContain("outputs", notebook.Cells[0].Metadata.Parent!.ToJsonString());
    }

    [Fact]
    public void Code_BuildsAPolyglotCSharpCellInNbformatKeyOrder()
    {
        var cell = NotebookCell.Code("var x = 1;\nx", tags: ["solution"], metadata: new JsonObject { ["extra"] = 1 }, id: "cell-1");

        Assert.Equal(
            """{"cell_type":"code","execution_count":null,"id":"cell-1","metadata":{"dotnet_interactive":{"language":"csharp"},"polyglot_notebook":{"kernelName":"csharp"},"vscode":{"languageId":"csharp"},"extra":1,"tags":["solution"]},"outputs":[],"source":["var x = 1;\n","x"]}""",
            cell.Node.ToJsonString());
        Assert.Equal("var x = 1;\nx", cell.Source);
        Assert.Equal(["solution"], cell.Tags);
        Assert.True(cell.IsCode);
    }

    [Fact]
    public void Markdown_BuildsACellWithEmptyMetadata()
    {
        var cell = NotebookCell.Markdown("# Title\n", id: "md");

        Assert.Equal("""{"cell_type":"markdown","id":"md","metadata":{},"source":["# Title\n"]}""", cell.Node.ToJsonString());
    }

    [Fact]
    public void Factories_WithoutId_MakeRandomEightHexDigitIds()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => NotebookCell.Markdown("x").Id!).ToList();

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{8}$", id));
        Assert.True(ids.Distinct().Count() > 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("dot.ted")]
    [InlineData("trailing-newline\n")]
    public void Factories_InvalidId_Throw(string id)
    {
        Assert.Throws<ArgumentException>(() => NotebookCell.Code("x", id: id));
    }

    [Fact]
    public void SetSource_ReplacesOnlyTheSource_AndMarksTheNotebookChanged()
    {
        var notebook = Notebook.Parse(NotebookFixtures.NbformatWritten);
        var before = Parts(JsonNode.Parse(notebook.ToJson())!);

        notebook.Cells[1].SetSource("var y = 2;\ny");
        var after = Parts(JsonNode.Parse(notebook.ToJson())!);

        Assert.True(notebook.HasChanges);
        Assert.Equal("var y = 2;\ny", notebook.Cells[1].Source);
        Assert.Equal("[\"var y = 2;\\n\",\"y\"]", after["cells[1]/source"]);
        Assert.Equal(before.Where(p => p.Key != "cells[1]/source"), after.Where(p => p.Key != "cells[1]/source"));
    }

    /// <summary>Every part of a notebook by path: top-level keys and metadata, and each key of each cell, as compact JSON.</summary>
    private static Dictionary<string, string> Parts(JsonNode notebook)
    {
        var parts = new Dictionary<string, string>();
        foreach (var (key, value) in notebook.AsObject())
        {
            if (key != "cells")
            {
                parts[key] = value?.ToJsonString() ?? "null";
            }
        }
        var cells = notebook["cells"]!.AsArray();
        for (var i = 0; i < cells.Count; i++)
        {
            parts[$"cells[{i}]/keys"] = string.Join(",", cells[i]!.AsObject().Select(p => p.Key));
            foreach (var (key, value) in cells[i]!.AsObject())
            {
                parts[$"cells[{i}]/{key}"] = value?.ToJsonString() ?? "null";
            }
        }
        return parts;
    }
}
