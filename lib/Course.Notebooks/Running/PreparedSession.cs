using Course.Notebooks.Sessions;

namespace Course.Notebooks.Running;

/// <summary>
/// A fresh session started by <see cref="NotebookRunner.StartSessionAsync"/> for the notebooks of one folder, not yet
/// used: a run takes it (<see cref="NotebookRunOptions.Session"/>), or its starter disposes it unused.
/// </summary>
public sealed class PreparedSession : IAsyncDisposable
{
    private NotebookSession? _session;

    internal PreparedSession(string directory, NotebookSession session)
    {
        Directory = directory;
        _session = session;
    }

    /// <summary>The folder the session's cells run in (full path): notebooks in it can use the session.</summary>
    public string Directory { get; }

    /// <summary>The session's process, until a run takes it.</summary>
    internal int? ProcessId => Volatile.Read(ref _session)?.ProcessId;

    /// <summary>Hands the session over to a run of a notebook in <paramref name="directory"/>, once.</summary>
    internal NotebookSession For(string directory)
    {
        if (!string.Equals(Path.GetFullPath(directory), Directory, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The session was started for {Directory}, not for {directory}.", nameof(directory));
        }
        return Interlocked.Exchange(ref _session, null) ?? throw new InvalidOperationException("The prepared session was used already.");
    }

    /// <summary>Ends the session if no run took it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _session, null) is { } unused)
        {
            await unused.DisposeAsync().ConfigureAwait(false);
        }
    }
}
