using Course.Concurrency;

namespace Course.Lib.Tests.Concurrency;

public class StateMachineTests
{
    private static readonly TaskCompletionSource s_gate = new();

    private static async Task<int> Brew(int cups)
    {
        var water = cups * 250;
        await s_gate.Task;
        return water;
    }

    [Fact]
    public void Describe_NamesTheStateTheParameterAndTheHoistedLocal()
    {
        var text = StateMachine.Describe(Brew);

        Assert.Contains("implementing IAsyncStateMachine", text);
        Assert.Contains("<>1__state", text);
        Assert.Contains("where to resume", text);
        Assert.Matches(@"cups\s+a parameter", text);
        Assert.Matches(@"<water>5__\d+\s+a local variable, hoisted into a field", text);
        Assert.Matches(@"<>u__\d+\s+the awaiter", text);
    }

    [Fact]
    public void Describe_AMethodThatIsNotAsync_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => StateMachine.Describe(NotAsync));

        Assert.Contains("is not an async method", error.Message);
    }

    private static Task NotAsync() => Task.CompletedTask;
}
