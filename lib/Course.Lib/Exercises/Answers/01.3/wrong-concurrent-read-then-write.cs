// Mistake: a ConcurrentDictionary read and then written with its indexer: each call is thread-safe, the pair is not.
// Expect: each call is thread-safe, the pair is not
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private readonly ConcurrentDictionary<string, int> _views = new();

    public void Record(string path) => _views[path] = _views.GetValueOrDefault(path) + 1;

    public int Count(string path) => _views.GetValueOrDefault(path);
}
