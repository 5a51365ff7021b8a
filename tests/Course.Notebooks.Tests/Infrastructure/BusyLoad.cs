namespace Course.Notebooks.Tests.Infrastructure;

/// <summary>Threads that keep cores busy until disposed: a loaded machine, as a reviewer's busy Codespace is.</summary>
internal sealed class BusyLoad : IDisposable
{
    private readonly Thread[] _threads;
    private volatile bool _stop;

    private BusyLoad(int threads)
    {
        _threads = [.. Enumerable.Range(0, threads).Select(i => new Thread(Spin) { IsBackground = true, Name = $"busy load {i + 1}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Starts <paramref name="threads"/> threads that spin until the load is disposed.</summary>
    public static BusyLoad Start(int threads) => new(threads);

    public void Dispose()
    {
        _stop = true;
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Spin()
    {
        while (!_stop)
        {
            Thread.SpinWait(1_000);
        }
    }
}
