// Mistake: a plain Dictionary, TryGetValue then the indexer: two requests read the same count (and two writes at
// once can corrupt the dictionary).
// Expect: Dictionary<TKey, TValue> is not thread-safe
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private readonly Dictionary<string, int> _views = new();

    public void Record(string path)
    {
        _views.TryGetValue(path, out var count);
        _views[path] = count + 1;
    }

    public int Count(string path) => _views.GetValueOrDefault(path);
}
