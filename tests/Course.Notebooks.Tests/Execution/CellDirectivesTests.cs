using Course.Notebooks.Execution;

namespace Course.Notebooks.Tests.Execution;

public class CellDirectivesTests
{
    [Theory]
    [InlineData("#!time", "#!time")]
    [InlineData("#!csharp", "#!csharp")]
    [InlineData("#load \"other.csx\"", "#load")]
    [InlineData("#i \"nuget:https://example.org/v3/index.json\"", "#i")]
    public void Parse_DirectiveOutsideThePolyglotRules_IsAnErrorNamingIt(string line, string named)
    {
        var directives = CellDirectives.Parse("var a = 1;\n" + line);

        var error = Assert.Single(directives.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NuGetReferences_AreCollectedAndOtherReferencesLeftToTheCompiler()
    {
        var directives = CellDirectives.Parse("""
            #r "nuget: Microsoft.AspNetCore.TestHost, 10.0.15"
            #r "Microsoft.AspNetCore"
            #r "../lib/Course.Lib.dll"
            """);

        Assert.Empty(directives.Errors);
        Assert.Equal(["nuget: Microsoft.AspNetCore.TestHost, 10.0.15"], directives.NuGetReferences);
    }
}
