using Course.Notebooks.Tests.Infrastructure;
using System.Text;
using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Ipynb;

public sealed class RoundTripTests
{
    [Fact]
    public void Save_UnchangedNotebook_IsByteIdentical()
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("nb.ipynb");
        var original = Encoding.UTF8.GetBytes(NotebookFixtures.NbformatWritten);
        File.WriteAllBytes(path, original);

        Notebook.Load(path).Save();

        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [Theory]
    [MemberData(nameof(NotebookFixtures.VariantNames), MemberType = typeof(NotebookFixtures))]
    public void Save_UnchangedNotebookInAnyStyle_IsByteIdentical(string variant)
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("nb.ipynb");
        var original = Encoding.UTF8.GetBytes(NotebookFixtures.Variant(variant));
        File.WriteAllBytes(path, original);

        Notebook.Load(path).Save(directory.PathOf("copy.ipynb"));

        Assert.Equal(original, File.ReadAllBytes(directory.PathOf("copy.ipynb")));
    }

    [Theory]
    [MemberData(nameof(NotebookFixtures.VariantNames), MemberType = typeof(NotebookFixtures))]
    public void Serialize_StandardStyle_ReproducesTheTextExactly(string variant)
    {
        // The writer itself, not the kept original text: this is what a changed notebook is written with.
        var text = NotebookFixtures.Variant(variant);

        var written = Notebook.Parse(text).Serialize();

        Assert.Equal(text, written);
    }

    [Theory]
    [MemberData(nameof(NotebookFixtures.VariantNames), MemberType = typeof(NotebookFixtures))]
    public void ToJson_AfterAChange_IsWrittenInTheStyleOfTheOriginal(string variant)
    {
        var text = NotebookFixtures.Variant(variant);
        var notebook = Notebook.Parse(text);

        notebook.Cells.First(c => c.IsCode).SetOutputs([NotebookOutput.Stream("stdout", "changed ✓\n")], 99);
        var changed = notebook.ToJson();
        var reread = Notebook.Parse(changed);

        Assert.True(notebook.HasChanges);
        Assert.NotEqual(text, changed);
        Assert.Equal(notebook.Style, reread.Style);
        Assert.Equal(changed, reread.Serialize());
        Assert.Equal("changed ✓\n", reread.Cells.First(c => c.IsCode).Outputs![0]!["text"]![0]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(NotebookFixtures.VariantNames), MemberType = typeof(NotebookFixtures))]
    public void Serialize_OutputsReplacedByEqualCopies_ReproducesTheText(string variant)
    {
        var text = NotebookFixtures.Variant(variant);
        var notebook = Notebook.Parse(text);

        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            var copies = cell.Outputs!.Select(o => JsonNode.Parse(o!.ToJsonString())!.AsObject()).ToList();
            cell.SetOutputs(copies, cell.ExecutionCount);
        }

        Assert.False(notebook.HasChanges);
        Assert.Equal(text, notebook.Serialize());
    }

    [Fact]
    public void Save_FileWithUtf8Bom_WritesTheBomBack()
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("bom.ipynb");
        byte[] original = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(NotebookFixtures.HandEdited)];
        File.WriteAllBytes(path, original);

        var notebook = Notebook.Load(path);
        notebook.Save();
        Assert.Equal(original, File.ReadAllBytes(path));

        notebook.Cells[2].ClearOutputs();
        notebook.Save();
        var saved = File.ReadAllBytes(path);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), saved[..3]);
        Assert.DoesNotContain("\"old\\n\"", Encoding.UTF8.GetString(saved));
    }

    [Fact]
    public void Parse_TextWithoutBom_DoesNotGainOneOnSave()
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("nb.ipynb");
        var notebook = Notebook.Parse(NotebookFixtures.NbformatWritten);
        notebook.Cells[1].ClearOutputs();

        notebook.Save(path);

        Assert.Equal((byte)'{', File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void ToJson_UnknownMetadataAndTopLevelKeys_AreKeptAfterAChange()
    {
        var notebook = Notebook.Parse(NotebookFixtures.HandEdited);

        notebook.Cells[2].SetOutputs([NotebookOutput.Stream("stdout", "new\n")], 8);
        var written = JsonNode.Parse(notebook.ToJson())!;

        Assert.Equal("""{"generator":"hand","revision":2.50}""", written["x-course"]!.ToJsonString());
        Assert.Equal("""{"empty":{},"list":[]}""", written["metadata"]!["custom"]!.ToJsonString());
        Assert.Equal("""{"tags":["setup"],"unknown":true}""", written["cells"]![1]!["metadata"]!.ToJsonString());
        Assert.Equal(["nbformat", "nbformat_minor", "x-course", "metadata", "cells"], written.AsObject().Select(p => p.Key));
        Assert.Contains("\"revision\": 2.50", notebook.ToJson());
    }

    [Fact]
    public void ToJson_AfterAChange_KeepsCellIds()
    {
        var notebook = Notebook.Parse(NotebookFixtures.NbformatWritten);

        foreach (var cell in notebook.Cells)
        {
            cell.ClearOutputs();
        }
        var reread = Notebook.Parse(notebook.ToJson());

        Assert.True(notebook.HasChanges);
        Assert.Equal(["intro-1", "c2", "r3", "empty"], reread.Cells.Select(c => c.Id));
    }

    [Fact]
    public void ToJson_AfterAChange_KeepsSourceAsStringOrListAsItWas()
    {
        var notebook = Notebook.Parse(NotebookFixtures.HandEdited);

        notebook.Cells[2].ClearOutputs();
        var written = notebook.ToJson();

        Assert.Contains("\"source\": \"Intro: 正向代理 <b>&</b>\\nsecond line\",", written);
        Assert.Contains("\"source\": [\n        \"var a = 1;\\n\",\n        \"a\"\n      ],", written);
        Assert.Contains("\"source\": \"Console.WriteLine(\\\"hi\\\");\",", written);
        Assert.Equal("Intro: 正向代理 <b>&</b>\nsecond line", notebook.Cells[0].Source);
        Assert.Equal("var a = 1;\na", notebook.Cells[1].Source);
    }

    [Fact]
    public void ToJson_IrregularEscapesInAnUnchangedNotebook_AreKeptVerbatim()
    {
        // "\/" and a mix of "\u00e9" and a raw "é" are valid JSON that no standard writer produces.
        const string text = """{"cells": [{"cell_type": "markdown", "id": "x", "metadata": {}, "source": "a\/b \u00e9 é \u00E9"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""";

        var notebook = Notebook.Parse(text);

        Assert.False(notebook.HasChanges);
        Assert.Equal(text, notebook.ToJson());
        Assert.NotEqual(text, notebook.Serialize());
        Assert.Equal("a/b é é é", notebook.Cells[0].Source);
    }

    [Fact]
    public void ToJson_OutputsSetToWhatTheyWere_ReturnsTheOriginalText()
    {
        var notebook = Notebook.Parse(NotebookFixtures.NbformatWritten);
        var cell = notebook.Cells[1];

        cell.SetOutputs(
        [
            NotebookOutput.Stream("stdout", "\u001b[31mred\u001b[0m\nline2\n"),
            NotebookOutput.ExecuteResult(1, new Dictionary<string, string> { ["text/plain"] = "42", ["text/html"] = "<b>42</b>\n<i>x</i>" }),
            NotebookOutput.DisplayData(new Dictionary<string, string> { ["image/png"] = "iVBORw0KGgo=", ["application/json"] = """{"a": [1, 2], "b": 1}""" }),
            NotebookOutput.Error("System.Exception", "boom <&>", ["\u001b[0;31mSystem.Exception: boom\u001b[0m", "   at Submission#0"]),
        ], 1);

        Assert.False(notebook.HasChanges);
        Assert.Same(NotebookFixtures.NbformatWritten, notebook.ToJson());
    }

    [Fact]
    public void ToJson_MetadataChangedDirectly_IsWritten()
    {
        var notebook = Notebook.Parse(NotebookFixtures.NbformatWritten);

        notebook.Metadata["course"]!["chapter"] = 4;

        Assert.True(notebook.HasChanges);
        Assert.Contains("\"chapter\": 4,", notebook.ToJson());
    }

    [Fact]
    public void ToJson_KeysReordered_CountsAsAChange()
    {
        var notebook = Notebook.Parse(NotebookFixtures.HandEdited);
        var metadata = notebook.Metadata;

        var kernelspec = metadata["kernelspec"];
        metadata.Remove("kernelspec");
        metadata["kernelspec"] = kernelspec;

        Assert.True(notebook.HasChanges);
        Assert.True(notebook.ToJson().IndexOf("\"custom\"", StringComparison.Ordinal) < notebook.ToJson().IndexOf("\"kernelspec\"", StringComparison.Ordinal));
    }
}
