// Mistake: locks a new object on every call: each request holds a lock of its own, which excludes nobody.
// Expect: locks a new object on every call
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private readonly Dictionary<string, int> _views = new();

    public void Record(string path)
    {
        lock (new object())
        {
            _views[path] = _views.GetValueOrDefault(path) + 1;
        }
    }

    public int Count(string path) => _views.GetValueOrDefault(path);
}
