using System.Text;
using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Ipynb;

public sealed class NotebookJsonWriterTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("quote \" backslash \\ slash /", "\"quote \\\" backslash \\\\ slash /\"")]
    [InlineData("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"")]
    [InlineData("\u0000\u0001\u001b\u001f", "\"\\u0000\\u0001\\u001b\\u001f\"")]
    [InlineData("<b>&amp;</b> it's", "\"<b>&amp;</b> it's\"")]
    [InlineData("\u007f", "\"\u007f\"")]
    [InlineData("正向代理 é 🚀 \u2028", "\"正向代理 é 🚀 \u2028\"")]
    public void WriteString_EscapesOnlyWhatPythonAndJavaScriptEscape(string value, string expected)
    {
        var builder = new StringBuilder();

        NotebookJsonWriter.WriteString(builder, value, ensureAscii: false);

        Assert.Equal(expected, builder.ToString());
    }

    [Theory]
    [InlineData("正向", "\"\\u6b63\\u5411\"")]
    [InlineData("é~\u007f", "\"\\u00e9~\\u007f\"")]
    [InlineData("🚀", "\"\\ud83d\\ude80\"")]
    [InlineData("a\u001bb\n", "\"a\\u001bb\\n\"")]
    public void WriteString_EnsureAscii_EscapesEverythingOutsidePrintableAsciiInLowercaseHex(string value, string expected)
    {
        var builder = new StringBuilder();

        NotebookJsonWriter.WriteString(builder, value, ensureAscii: true);

        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void WriteString_LoneSurrogate_IsEscapedLikeJsonStringify()
    {
        var builder = new StringBuilder();

        NotebookJsonWriter.WriteString(builder, "a\ud800b\udc00", ensureAscii: false);

        Assert.Equal("\"a\\ud800b\\udc00\"", builder.ToString());
    }

    [Fact]
    public void Write_NumbersReadFromText_KeepTheirText()
    {
        var node = JsonNode.Parse("[1.0, 1e5, 1E-05, -0.50, 12345678901234567890123, 0]");

        var written = NotebookJsonWriter.Write(node, NotebookJsonStyle.Jupyter with { Indent = null, ItemSeparatorTail = " ", Trailing = "" });

        Assert.Equal("[1.0, 1e5, 1E-05, -0.50, 12345678901234567890123, 0]", written);
    }

    [Fact]
    public void Write_NewValues_AreWrittenLikePython()
    {
        var node = new JsonObject { ["a"] = 3, ["b"] = true, ["c"] = null, ["d"] = "x", ["e"] = 0.5, ["f"] = new JsonArray(), ["g"] = new JsonObject() };

        var written = NotebookJsonWriter.Write(node, NotebookJsonStyle.Jupyter);

        Assert.Equal("{\n \"a\": 3,\n \"b\": true,\n \"c\": null,\n \"d\": \"x\",\n \"e\": 0.5,\n \"f\": [],\n \"g\": {}\n}\n", written);
    }

    [Fact]
    public void Write_SortKeys_OrdersByCodePointAsPythonDoes()
    {
        // UTF-16 ordinal order puts U+FF01 after the surrogates of U+1F680; Python's code-point order puts it before.
        var node = new JsonObject { ["🚀"] = 1, ["！"] = 2, ["b"] = 3, ["B"] = 4, ["a"] = 5 };

        var written = NotebookJsonWriter.Write(node, NotebookJsonStyle.Jupyter with { Indent = null, ItemSeparatorTail = " ", Trailing = "" });

        Assert.Equal("{\"B\": 4, \"a\": 5, \"b\": 3, \"！\": 2, \"🚀\": 1}", written);
    }

    [Fact]
    public void Write_WithoutSortKeys_KeepsInsertionOrder()
    {
        var node = new JsonObject { ["z"] = 1, ["a"] = new JsonObject { ["y"] = 2, ["b"] = 3 } };

        var written = NotebookJsonWriter.Write(node, NotebookJsonStyle.Jupyter with { SortKeys = false, Indent = "  ", NewLine = "\r\n", Trailing = "" });

        Assert.Equal("{\r\n  \"z\": 1,\r\n  \"a\": {\r\n    \"y\": 2,\r\n    \"b\": 3\r\n  }\r\n}", written);
    }

    [Fact]
    public void Write_KeysAreEscapedLikeValues()
    {
        var node = new JsonObject { ["a\"<é>\n"] = 1 };

        Assert.Equal("{\"a\\\"<é>\\n\": 1}", NotebookJsonWriter.Write(node, NotebookJsonStyle.Jupyter with { Indent = null, Trailing = "" }));
        Assert.Equal("{\"a\\\"<\\u00e9>\\n\": 1}", NotebookJsonWriter.Write(node, NotebookJsonStyle.Jupyter with { Indent = null, Trailing = "", EnsureAscii = true }));
    }
}
