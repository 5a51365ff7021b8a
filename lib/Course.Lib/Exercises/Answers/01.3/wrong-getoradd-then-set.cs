// Mistake: GetOrAdd, then the indexer to store the count + 1: two steps, and two requests that read the same count
// both store count + 1.
// Expect: each call is thread-safe, the pair is not
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private readonly ConcurrentDictionary<string, int> _views = new();

    public void Record(string path)
    {
        var count = _views.GetOrAdd(path, 0);
        _views[path] = count + 1;
    }

    public int Count(string path) => _views.GetValueOrDefault(path);
}
