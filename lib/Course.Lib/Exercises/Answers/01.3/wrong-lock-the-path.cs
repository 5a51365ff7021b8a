// Mistake: locks the path string: every request brings its own string instance, even for the same path.
// Expect: every request brings its own string
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private readonly Dictionary<string, int> _views = new();

    public void Record(string path)
    {
        lock (path)
        {
            _views[path] = _views.GetValueOrDefault(path) + 1;
        }
    }

    public int Count(string path) => _views.GetValueOrDefault(path);
}
