// Mistake: Record locks a shared object around its read and write of a Dictionary, but Count reads the Dictionary
// without the lock: a Dictionary allows reads at once only while nobody writes, so a Count during a Record can see it half done.
// Expect: outside the lock that Record changes it under
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _views = new();

    public void Record(string path)
    {
        lock (_gate)
        {
            _views[path] = _views.GetValueOrDefault(path) + 1;
        }
    }

    public int Count(string path) => _views.GetValueOrDefault(path);
}
