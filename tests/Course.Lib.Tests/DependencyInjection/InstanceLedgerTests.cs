using Course.DependencyInjection;

namespace Course.Lib.Tests.DependencyInjection;

public class InstanceLedgerTests
{
    private sealed class Cart;

    private sealed class Clock;

    [Fact]
    public void Labels_AreNumberedPerType_InOrderOfCreation()
    {
        var ledger = new InstanceLedger();

        Assert.Equal("Cart#1", ledger.Created(new Cart()));
        Assert.Equal("Clock#1", ledger.Created(new Clock()));
        Assert.Equal("Cart#2", ledger.Created(new Cart()));
        Assert.Equal(2, ledger.CountOf("Cart"));
    }

    [Fact]
    public void TheSameInstance_KeepsItsLabel()
    {
        var ledger = new InstanceLedger();
        var cart = new Cart();

        var first = ledger.Created(cart);

        Assert.Equal(first, ledger.Created(cart));
        Assert.Equal(first, ledger.LabelOf(cart));
        Assert.Equal(1, ledger.CountOf("Cart"));
    }

    [Fact]
    public void Events_AreLoggedInOrder_AndClearingKeepsTheNumbering()
    {
        var ledger = new InstanceLedger();
        var cart = new Cart();
        ledger.Created(cart);
        ledger.Record("endpoint runs");
        ledger.Disposed(cart);

        Assert.Equal(["created  Cart#1", "endpoint runs", "disposed Cart#1"], ledger.Events);

        ledger.ClearEvents();
        Assert.Empty(ledger.Events);
        Assert.Equal("Cart#2", ledger.Created(new Cart()));
    }

    [Fact]
    public async Task Labels_AreUnique_UnderConcurrency()
    {
        var ledger = new InstanceLedger();

        var labels = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => ledger.Created(new Cart()))));

        Assert.Equal(200, labels.Distinct().Count());
        Assert.Equal(200, ledger.CountOf("Cart"));
    }
}
