// Mistake: a ReaderWriterLockSlim, but Record takes its read lock: any number of threads hold a read lock at once, so
// two Records still read the same count and both write count + 1 (and change the Dictionary at the same time).
// Expect: Record changes the count under a read lock
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private readonly ReaderWriterLockSlim _gate = new();
    private readonly Dictionary<string, int> _views = new();

    public void Record(string path)
    {
        _gate.EnterReadLock();
        try
        {
            _views[path] = _views.GetValueOrDefault(path) + 1;
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public int Count(string path)
    {
        _gate.EnterReadLock();
        try
        {
            return _views.GetValueOrDefault(path);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }
}
