using Course.Notebooks.Execution;
using Course.Notebooks.Sessions;

namespace Course.Notebooks.Tests.Execution;

public class ConsoleRouterTests
{
    [Fact]
    public async Task Output_FromAnotherThread_GoesToTheRunningCell()
    {
        var router = new ConsoleRouter();
        var received = new List<CellOutput>();
        router.BeginCell(received.Add);

        await Task.Run(() => router.Out.WriteLine("from the pool"));
        router.EndCell();

        var stream = Assert.IsType<StreamOutput>(Assert.Single(received));
        Assert.Equal("stdout", stream.Name);
        Assert.Equal("from the pool" + Environment.NewLine, stream.Text);
    }

    [Fact]
    public void Output_WrittenAfterACellEnded_GoesToTheNextCell()
    {
        var router = new ConsoleRouter();
        var first = new List<CellOutput>();
        var second = new List<CellOutput>();
        router.BeginCell(first.Add);
        router.EndCell();

        router.Error.Write("late");
        router.BeginCell(second.Add);
        router.EndCell();

        Assert.Empty(first);
        Assert.Equal(new StreamOutput("stderr", "late"), Assert.Single(second));
    }

    [Fact]
    public void Output_WrittenAfterTheLastCell_IsHandedOverNotDropped()
    {
        var router = new ConsoleRouter();
        router.Out.Write("orphan");

        Assert.Equal("orphan", router.TakeOrphanedText());
        Assert.Equal("", router.TakeOrphanedText());
    }

    [Fact]
    public void Output_InterleavedStreams_KeepTheirOrder()
    {
        var router = new ConsoleRouter();
        var received = new List<CellOutput>();
        router.BeginCell(received.Add);

        router.Out.Write("a");
        router.Error.Write("b");
        router.Out.Write("c");
        router.EndCell();

        Assert.Equal([new StreamOutput("stdout", "a"), new StreamOutput("stderr", "b"), new StreamOutput("stdout", "c")], received);
    }
}
