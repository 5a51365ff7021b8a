using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Ipynb;

public sealed class MultilineTextTests
{
    [Theory]
    [InlineData("a\nb", new[] { "a\n", "b" })]
    [InlineData("a\n", new[] { "a\n" })]
    [InlineData("", new string[0])]
    [InlineData("\n\n", new[] { "\n", "\n" })]
    // Python's str.splitlines(True) of the same string:
    [InlineData("a\r\nb\rc\vd\fe\u001cf\u0085g\u2028h\u2029i\n\n", new[] { "a\r\n", "b\r", "c\v", "d\f", "e\u001c", "f\u0085", "g\u2028", "h\u2029", "i\n", "\n" })]
    public void SplitLines_MatchesPythonSplitlinesKeepEnds(string text, string[] expected)
    {
        Assert.Equal(expected, MultilineText.SplitLines(text));
    }

    [Fact]
    public void Join_StringOrList_GivesTheText()
    {
        Assert.Equal("a\nb", MultilineText.Join(JsonNode.Parse("\"a\\nb\"")));
        Assert.Equal("a\nb", MultilineText.Join(JsonNode.Parse("[\"a\\n\", \"b\"]")));
        Assert.Equal("", MultilineText.Join(JsonNode.Parse("[]")));
    }
}
