using Course.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Lib.Tests.DependencyInjection;

public class OrderStoreTests
{
    [Fact]
    public async Task Store_CountsTheBooksOpenOrders_AndIsCountedByTheBook()
    {
        var book = new OrderBook { OpenOrders = 4 };

        var store = new OrderStore(book);

        Assert.Equal(4, await store.CountOpenAsync());
        Assert.Equal(1, book.StoresCreated);
        Assert.Equal(0, book.StoresDisposed);
    }

    [Fact]
    public async Task DisposedStore_Throws_AndIsCountedOnce()
    {
        var book = new OrderBook();
        var store = new OrderStore(book);

        await store.DisposeAsync();
        await store.DisposeAsync();

        Assert.Equal(1, book.StoresDisposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CountOpenAsync());
    }

    [Fact]
    public async Task AScopedStore_IsDisposedWithItsAsyncScope_ButASyncDisposeRefusesIt()
    {
        var book = new OrderBook();
        var services = new ServiceCollection();
        services.AddSingleton(book);
        services.AddScoped<OrderStore>();
        await using var provider = services.BuildServiceProvider();

        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<OrderStore>();
        }
        Assert.Equal(1, book.StoresDisposed);

        var syncScope = provider.CreateScope();
        syncScope.ServiceProvider.GetRequiredService<OrderStore>();
        Assert.Throws<InvalidOperationException>(syncScope.Dispose);
    }
}
