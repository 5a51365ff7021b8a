using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Ipynb;

public sealed class NotebookJsonStyleDetectorTests
{
    [Theory]
    [InlineData("nbformat", " ", "\n", "\n", false, true)]
    [InlineData("ensure-ascii", " ", "\n", "\n", true, true)]
    [InlineData("crlf", " ", "\r\n", "\r\n", false, true)]
    [InlineData("indent-2", "  ", "\n", "\n", false, true)]
    [InlineData("indent-4", "    ", "\n", "\n", false, true)]
    [InlineData("indent-tab", "\t", "\n", "\n", false, true)]
    [InlineData("indent-0", "", "\n", "\n", false, true)]
    [InlineData("no-final-newline", " ", "\n", "", false, true)]
    [InlineData("crlf-indent-4-no-final-newline", "    ", "\r\n", "", false, true)]
    [InlineData("hand-edited", "  ", "\n", "\n", false, false)]
    [InlineData("python-compact", null, "\n", "", false, true)]
    public void Detect_StandardStyles_FindsIndentLineEndingFinalNewlineEscapingAndKeyOrder(
        string variant, string? indent, string newLine, string trailing, bool ensureAscii, bool sortKeys)
    {
        var style = Notebook.Parse(NotebookFixtures.Variant(variant)).Style;

        Assert.Equal(indent, style.Indent);
        Assert.Equal(newLine, style.NewLine);
        Assert.Equal(trailing, style.Trailing);
        Assert.Equal(ensureAscii, style.EnsureAscii);
        Assert.Equal(sortKeys, style.SortKeys);
        Assert.False(style.Utf8Bom);
    }

    [Fact]
    public void Detect_CompactStyles_FindTheirSeparators()
    {
        var python = Notebook.Parse(NotebookFixtures.PythonCompact).Style;
        var javaScript = Notebook.Parse(NotebookFixtures.JavaScriptCompact).Style;

        Assert.Equal((" ", ": "), (python.ItemSeparatorTail, python.KeySeparator));
        Assert.Equal(("", ":"), (javaScript.ItemSeparatorTail, javaScript.KeySeparator));
    }

    [Fact]
    public void Detect_NoNonAsciiText_DefaultsToRawUtf8()
    {
        // Escapes of ASCII control characters say nothing about ensure_ascii.
        const string text = """{"cells": [], "metadata": {"a": "\u001b"}, "nbformat": 4, "nbformat_minor": 5}""";

        Assert.False(Notebook.Parse(text).Style.EnsureAscii);
    }

    [Fact]
    public void Detect_EscapedBackslashFollowedByU_IsNotAnEscape()
    {
        const string text = """{"cells": [], "metadata": {"a": "\\u6b63"}, "nbformat": 4, "nbformat_minor": 5}""";

        Assert.False(Notebook.Parse(text).Style.EnsureAscii);
    }

    [Fact]
    public void Detect_BracesAndNewlineEscapesInsideStrings_AreIgnored()
    {
        const string text = "{\"metadata\":{\"a\":\"{[,: \\n  x\"},\n\t\"cells\": [],\n\t\"nbformat\": 4,\n\t\"nbformat_minor\": 5\n}";

        var style = Notebook.Parse(text).Style;

        Assert.Equal("\t", style.Indent);
        Assert.Equal(":", style.KeySeparator);
        Assert.False(style.SortKeys);
        Assert.Equal("", style.Trailing);
    }

    [Fact]
    public void Detect_LeadingBom_IsRemembered()
    {
        var notebook = Notebook.Parse("\uFEFF" + NotebookFixtures.NbformatWritten);

        Assert.True(notebook.Style.Utf8Bom);
        Assert.Equal(NotebookFixtures.NbformatWritten, notebook.ToJson());
    }
}
