using Course.Notebooks.Execution;

namespace Course.Notebooks.Tests.Execution;

public class CellCompilerWarmUpTests
{
    [Fact]
    public void TheWarmUpSubmissions_CompileWithoutDiagnostics()
    {
        // Script.Compile() reports errors instead of throwing: a warm-up that no longer compiled would warm nothing, silently.
        Assert.Empty(CellCompiler.CompileThrowawaySubmissions());
    }
}
