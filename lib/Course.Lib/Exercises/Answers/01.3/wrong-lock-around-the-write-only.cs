// Mistake: locks a shared object, but reads the count before taking the lock: two requests still read the same
// count, and the lock only lines their identical writes up.
// Expect: before it takes the lock
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _views = new();

    public void Record(string path)
    {
        var count = _views.GetValueOrDefault(path);
        lock (_gate)
        {
            _views[path] = count + 1;
        }
    }

    public int Count(string path)
    {
        lock (_gate)
        {
            return _views.GetValueOrDefault(path);
        }
    }
}
