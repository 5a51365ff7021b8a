// Mistake: the trivial answer: one thread-safe counter for every path, so Count("/b") includes the views of /a.
// Expect: each path has its own count
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private int _views;

    public void Record(string path) => Interlocked.Increment(ref _views);

    public int Count(string path) => Volatile.Read(ref _views);
}
