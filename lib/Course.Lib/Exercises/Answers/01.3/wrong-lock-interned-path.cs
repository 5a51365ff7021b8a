// Mistake: a lock per path (the interned string): two different paths hold different locks, so two inserts change the
// plain Dictionary at once and corrupt it; and an interned string is an object any code in the process can lock.
// Expect: a lock per path still lets two different paths change the Dictionary at once
// Exercise 01.3: one PageViews for the whole app; requests call Record on many threads at once.
// Count the views of each path, and lose none.
class PageViews : IPageViews
{
    private readonly Dictionary<string, int> _views = new();

    public void Record(string path)
    {
        lock (string.Intern(path))
        {
            _views[path] = _views.GetValueOrDefault(path) + 1;
        }
    }

    public int Count(string path)
    {
        lock (string.Intern(path))
        {
            return _views.GetValueOrDefault(path);
        }
    }
}
