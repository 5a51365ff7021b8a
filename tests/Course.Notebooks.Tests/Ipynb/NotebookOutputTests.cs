using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Ipynb;

public sealed class NotebookOutputTests
{
    [Fact]
    public void Stream_SplitsTextIntoLinesThatKeepTheirLineBreaks()
    {
        var output = NotebookOutput.Stream("stdout", "a\nb\r\nc\n");

        Assert.Equal("""{"name":"stdout","output_type":"stream","text":["a\n","b\r\n","c\n"]}""", CompactJson.Of(output));
    }

    [Fact]
    public void Stream_EmptyText_IsAnEmptyList()
    {
        Assert.Equal("""{"name":"stderr","output_type":"stream","text":[]}""", CompactJson.Of(NotebookOutput.Stream("stderr", "")));
    }

    [Fact]
    public void DisplayData_StoresEachMimeTypeAsNbformatDoes()
    {
        var output = NotebookOutput.DisplayData(new Dictionary<string, string>
        {
            ["text/plain"] = "x\ny",
            ["image/png"] = "iVBOR\nw0KGgo=",
            ["image/svg+xml"] = "<svg>\n</svg>",
            ["application/javascript"] = "a();\nb();",
            ["application/json"] = """{"b": 1, "a": [true, null]}""",
            ["application/vnd.plotly.v1+json"] = "[1, 2]",
            ["application/vnd.custom"] = "one\ntwo",
        });

        Assert.Equal(
            """{"data":{"application/javascript":["a();\n","b();"],"application/json":{"b":1,"a":[true,null]},"application/vnd.custom":"one\ntwo","application/vnd.plotly.v1+json":[1,2],"image/png":"iVBOR\nw0KGgo=","image/svg+xml":["<svg>\n","</svg>"],"text/plain":["x\n","y"]},"metadata":{},"output_type":"display_data"}""",
            CompactJson.Of(output));
    }

    [Fact]
    public void DisplayData_InvalidJsonForAJsonMimeType_Throws()
    {
        Assert.Throws<ArgumentException>(() => NotebookOutput.DisplayData(new Dictionary<string, string> { ["application/json"] = "{" }));
    }

    [Fact]
    public void ExecuteResult_HasDataExecutionCountMetadataAndOutputTypeInOrder()
    {
        var output = NotebookOutput.ExecuteResult(7, new Dictionary<string, string> { ["text/plain"] = "42" });

        Assert.Equal("""{"data":{"text/plain":["42"]},"execution_count":7,"metadata":{},"output_type":"execute_result"}""", CompactJson.Of(output));
    }

    [Fact]
    public void Error_KeepsTracebackEntriesWhole()
    {
        var output = NotebookOutput.Error("DivideByZeroException", "Attempted to divide by zero.", ["\u001b[31mline 1\nline 2\u001b[0m", "at Cell 1"]);

        Assert.Equal(
            """{"ename":"DivideByZeroException","evalue":"Attempted to divide by zero.","output_type":"error","traceback":["\u001b[31mline 1\nline 2\u001b[0m","at Cell 1"]}""",
            CompactJson.Of(output));
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/vnd.plotly.v1+json", true)]
    [InlineData("application/geo+json", true)]
    [InlineData("text/json", false)]
    [InlineData("application/jsonx", false)]
    [InlineData("text/x+json", false)]
    public void IsJsonMimeType_FollowsNbformat(string mimeType, bool expected)
    {
        Assert.Equal(expected, NotebookOutput.IsJsonMimeType(mimeType));
    }
}
