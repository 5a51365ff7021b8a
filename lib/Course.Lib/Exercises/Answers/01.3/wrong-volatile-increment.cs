// Mistake: marks the counter's field volatile and increments it: volatile makes reads and writes visible to other
// threads, not ++ atomic.
// Expect: volatile makes each read
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private sealed class Counter { public volatile int Views; }

    private readonly ConcurrentDictionary<string, Counter> _views = new();

    public void Record(string path) => _views.GetOrAdd(path, _ => new Counter()).Views++;

    public int Count(string path) => _views.TryGetValue(path, out var counter) ? counter.Views : 0;
}
