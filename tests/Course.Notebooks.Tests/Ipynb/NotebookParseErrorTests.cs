using Course.Notebooks.Tests.Infrastructure;
using System.Text;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Ipynb;

public sealed class NotebookParseErrorTests
{
    private const string Path = "notebooks/x.ipynb";

    [Fact]
    public void Parse_InvalidJson_SaysWhereInOneLineNamingThePath()
    {
        const string text = "{\n \"cells\": [],\n \"metadata\" }\n";

        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(text, Path));

        Assert.StartsWith("notebooks/x.ipynb: invalid JSON at line 3, position 13: '}' is invalid after a property name.", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
        Assert.Equal(Path, error.NotebookPath);
    }

    [Fact]
    public void Parse_InvalidJsonAfterNonAsciiText_CountsCharactersNotBytes()
    {
        const string text = "{\"正向代理\" 1}";

        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(text, Path));

        Assert.StartsWith("notebooks/x.ipynb: invalid JSON at line 1, position 9:", error.Message);
    }

    [Theory]
    [InlineData("{\"cells\": [],}")]
    [InlineData("{\"cells\": [] /* comment */}")]
    [InlineData("")]
    [InlineData("{\"cells\": [], \"cells\": []}")]
    public void Parse_NonStrictJson_IsRejected(string text)
    {
        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(text, Path));

        Assert.StartsWith("notebooks/x.ipynb: invalid JSON", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("""{"cells": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}""", "not an nbformat 4 notebook (nbformat is 3)")]
    [InlineData("""{"cells": [], "metadata": {}, "nbformat": "4", "nbformat_minor": 0}""", "not an nbformat 4 notebook (nbformat is \"4\")")]
    [InlineData("""{"cells": [], "metadata": {}}""", "not an nbformat 4 notebook (it has no \"nbformat\")")]
    [InlineData("""[1, 2]""", "not a notebook: the top-level JSON value is an array, not an object")]
    [InlineData("""{"cells": {}, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "\"cells\" must be an array")]
    [InlineData("""{"cells": [], "nbformat": 4, "nbformat_minor": 5}""", "\"metadata\" must be an object")]
    [InlineData("""{"cells": [], "metadata": {}, "nbformat": 4}""", "\"nbformat_minor\" must be an integer")]
    [InlineData("""{"cells": [3], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "cells[0] must be an object, not a number")]
    [InlineData("""{"cells": [{"cell_type": "code", "metadata": {}, "source": 1}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "cells[0]: \"source\" must be a string or a list of strings")]
    [InlineData("""{"cells": [{"cell_type": "code", "metadata": {}, "source": ["a", 1]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "cells[0]: \"source\" must be a string or a list of strings")]
    [InlineData("""{"cells": [{"cell_type": "heading", "metadata": {}, "source": ""}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "cells[0]: unknown cell_type \"heading\" (expected code, markdown or raw)")]
    [InlineData("""{"cells": [{"cell_type": "code", "source": ""}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "cells[0]: \"metadata\" must be an object")]
    [InlineData("""{"cells": [{"cell_type": "code", "metadata": {}, "source": "", "outputs": {}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "cells[0]: \"outputs\" must be an array")]
    [InlineData("""{"cells": [{"cell_type": "code", "metadata": {}, "source": "", "outputs": [{}]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "cells[0].outputs[0] must be an object with a string \"output_type\"")]
    [InlineData("""{"cells": [{"cell_type": "code", "metadata": {}, "source": "", "execution_count": "1"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "cells[0]: \"execution_count\" must be an integer or null")]
    [InlineData("""{"cells": [{"cell_type": "code", "id": 5, "metadata": {}, "source": ""}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "cells[0]: \"id\" must be a string")]
    [InlineData("""{"cells": [], "metadata": {"a": "\ud800"}, "nbformat": 4, "nbformat_minor": 5}""", "invalid JSON string:")]
    public void Parse_NotAnNbformat4Notebook_GivesAOneLineMessage(string text, string expected)
    {
        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(text, Path));

        Assert.StartsWith($"{Path}: {expected}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_WithoutPath_NamesTheNotebookGenerically()
    {
        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Parse("{"));

        Assert.StartsWith("notebook: invalid JSON", error.Message);
        Assert.Null(error.NotebookPath);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("missing/x.ipynb");

        var error = Assert.Throws<FileNotFoundException>(() => Notebook.Load(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Load_InvalidUtf8_IsAFormatError()
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("latin1.ipynb");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("{\"a\": \""), 0xE9, .. Encoding.ASCII.GetBytes("\"}")]);

        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Load(path));

        Assert.Equal($"{path}: not UTF-8 text (invalid byte at offset 7)", error.Message);
    }

    [Fact]
    public void Load_InvalidJson_NamesTheFile()
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("broken.ipynb");
        File.WriteAllText(path, "{\n \"cells\": [\n");

        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Load(path));

        Assert.StartsWith($"{path}: invalid JSON at line 3,", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
