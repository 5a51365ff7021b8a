using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Ipynb;

/// <summary>
/// One-line JSON as <c>JSON.stringify</c> writes it, keys in their order, for readable expected values.
/// (<see cref="JsonNode.ToJsonString"/> escapes <c>+</c>, <c>&lt;</c>, <c>&amp;</c> and non-ASCII, and writes <c>\u001B</c>.)
/// </summary>
internal static class CompactJson
{
    private static readonly NotebookJsonStyle Style = NotebookJsonStyle.Jupyter with
    {
        Indent = null,
        KeySeparator = ":",
        SortKeys = false,
        Trailing = "",
    };

    public static string Of(JsonNode? node) => NotebookJsonWriter.Write(node, Style);
}
