using Course.Hosting;

namespace Course.Lib.Tests.Hosting;

public class InFlightGaugeTests
{
    [Fact]
    public void Enter_TwoOverlappingThenOne_CountsCurrentPeakAndTotal()
    {
        var gauge = new InFlightGauge();

        var first = gauge.Enter();
        var second = gauge.Enter();
        first.Dispose();
        second.Dispose();
        using (gauge.Enter())
        {
            Assert.Equal(1, gauge.Current);
        }

        Assert.Equal(0, gauge.Current);
        Assert.Equal(2, gauge.Peak);
        Assert.Equal(3, gauge.Total);
    }

    [Fact]
    public void Dispose_Twice_EndsTheRequestOnce()
    {
        var gauge = new InFlightGauge();
        using var other = gauge.Enter();
        var scope = gauge.Enter();

        scope.Dispose();
        scope.Dispose();

        Assert.Equal(1, gauge.Current);
    }

    [Fact]
    public async Task Enter_ManyThreadsInsideAtOnce_PeakIsTheirNumber()
    {
        const int workers = 8;
        var gauge = new InFlightGauge();
        using var allInside = new CountdownEvent(workers);

        // Every worker stays inside until all have entered, so all are in flight together.
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(() =>
        {
            using (gauge.Enter())
            {
                allInside.Signal();
                allInside.Wait(TimeSpan.FromSeconds(30));
            }
        }, TaskCreationOptions.LongRunning));
        await Task.WhenAll(tasks);

        Assert.Equal(workers, gauge.Peak);
        Assert.Equal(0, gauge.Current);
        Assert.Equal(workers, gauge.Total);
    }
}
