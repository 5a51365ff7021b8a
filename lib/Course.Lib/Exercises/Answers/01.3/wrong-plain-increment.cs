// Mistake: keeps a counter object per path in a ConcurrentDictionary, then counter.Views++ on its field: the
// dictionary is thread-safe, the ++ (read, add, write) is not.
// Expect: three steps, read, add, write
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private sealed class Counter { public int Views; }

    private readonly ConcurrentDictionary<string, Counter> _views = new();

    public void Record(string path) => _views.GetOrAdd(path, _ => new Counter()).Views++;

    public int Count(string path) => _views.TryGetValue(path, out var counter) ? counter.Views : 0;
}
