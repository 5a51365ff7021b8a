using Course.Notebooks.Execution;

namespace Course.Notebooks.Tests.Execution;

public class CellCompletenessTests
{
    [Theory]
    [InlineData("var x = 1;")]
    [InlineData("1 + 1")]
    [InlineData("#r \"Microsoft.AspNetCore\"\nusing System.Net.Http;")]
    [InlineData("record Point(int X, int Y);")]
    [InlineData("await Task.Delay(1);")]
    [InlineData("")]
    public void Check_FinishedCode_IsComplete(string code)
    {
        Assert.Equal(CompletenessStatus.Complete, CellCompleteness.Check(code).Status);
    }

    [Theory]
    [InlineData("if (true) {", "    ")]
    [InlineData("class A {\n  void M() {", "        ")]
    [InlineData("var x = 1 +", "")]
    [InlineData("var s = \"\"\"\nraw", "")]
    public void Check_UnfinishedCode_IsIncompleteWithAnIndentPerOpenBrace(string code, string indent)
    {
        Assert.Equal((CompletenessStatus.Incomplete, indent), CellCompleteness.Check(code));
    }

    [Theory]
    [InlineData("var x = ;")]
    [InlineData("int 1x = 2;")]
    public void Check_FinishedCodeWithASyntaxError_IsInvalid(string code)
    {
        Assert.Equal(CompletenessStatus.Invalid, CellCompleteness.Check(code).Status);
    }
}
