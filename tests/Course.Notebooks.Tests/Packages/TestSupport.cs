using Microsoft.Extensions.Logging;

namespace Course.Notebooks.Tests.Packages;

/// <summary>An ILogger that keeps every message, to observe what the restorer did.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public bool Contains(string text) => Entries.Any(e => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase));

    public int Count(string text) => Entries.Count(e => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
