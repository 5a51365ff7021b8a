// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private readonly ConcurrentDictionary<string, int> _views = new();

    // AddOrUpdate retries its update until it applies to the value it read: read, add and write are one step.
    public void Record(string path) => _views.AddOrUpdate(path, 1, (_, count) => count + 1);

    public int Count(string path) => _views.GetValueOrDefault(path);
}
