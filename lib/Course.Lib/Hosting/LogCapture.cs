using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Course.Hosting;

/// <summary>One log entry an app wrote, with the values of the logging scopes around it.</summary>
/// <param name="Level">The entry's level.</param>
/// <param name="Category">The logger's category (usually the writing type's full name).</param>
/// <param name="EventName">The event's name, or null when it has none.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Scope">The key/value pairs of every scope the entry was written in (<c>BeginScope</c>), outermost first.</param>
/// <param name="Exception">The exception logged with the entry, if any.</param>
public sealed record CapturedLog(LogLevel Level, string Category, string? EventName, string Message,
    IReadOnlyList<KeyValuePair<string, object?>> Scope, Exception? Exception)
{
    /// <summary>"Information Orders.Endpoint: loading order 7 {CorrelationId=req-1}".</summary>
    public override string ToString() =>
        $"{Level,-11} {Category}: {Message}" +
        (Scope.Count == 0 ? "" : " {" + string.Join(", ", Scope.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}"))) + "}");
}

/// <summary>
/// A logging provider that keeps what an app logs, so a cell can show it (the course's servers have no console
/// logger: framework log lines would land in every cell's output). Add it with
/// <c>builder.Logging.AddCapture(logs)</c>; scopes are captured, so a request id pushed with <c>BeginScope</c> shows
/// on every entry written inside it.
/// </summary>
/// <example>
/// <code>
/// var logs = new LogCapture(category => category.StartsWith("Orders"));
/// var api = await InMemoryServer.StartAsync(b => b.Logging.AddCapture(logs), app => …);
/// logs.Entries   // or Console.WriteLine(logs)
/// </code>
/// </example>
/// <param name="categories">Which categories to keep (all when null).</param>
/// <param name="minimumLevel">The lowest level kept; <see cref="LoggingBuilderCaptureExtensions.AddCapture"/> lets it through the app's own filter.</param>
[ProviderAlias("Capture")]
public sealed class LogCapture(Func<string, bool>? categories = null, LogLevel minimumLevel = LogLevel.Information) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>The lowest level kept.</summary>
    public LogLevel MinimumLevel { get; } = minimumLevel;

    /// <summary>The entries kept so far, in the order they were written.</summary>
    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>Forgets the entries kept so far.</summary>
    public void Clear() => _entries.Clear();

    /// <summary>One line per entry.</summary>
    public override string ToString() => string.Join('\n', _entries);

    // Every category is enabled, as a console logger enables them (so the framework pushes its request scope with
    // RequestPath and RequestId); only the kept ones are stored.
    ILogger ILoggerProvider.CreateLogger(string categoryName) => new CapturingLogger(this, categoryName, categories?.Invoke(categoryName) ?? true);

    void ISupportExternalScope.SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    void IDisposable.Dispose()
    {
    }

    private sealed class CapturingLogger(LogCapture owner, string category, bool kept) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!kept || !IsEnabled(logLevel))
            {
                return;
            }
            var scope = new List<KeyValuePair<string, object?>>();
            owner._scopes.ForEachScope((value, list) =>
            {
                // Message-template scopes and dictionaries alike; a template's own text is not a value.
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    list.AddRange(pairs.Where(p => p.Key != "{OriginalFormat}"));
                }
            }, scope);
            owner._entries.Enqueue(new CapturedLog(logLevel, category, eventId.Name, formatter(state, exception), scope, exception));
        }
    }
}

/// <summary>Adds a <see cref="LogCapture"/> to an app's logging.</summary>
public static class LoggingBuilderCaptureExtensions
{
    /// <summary>
    /// Adds <paramref name="capture"/> as a logging provider and lets its <see cref="LogCapture.MinimumLevel"/> through
    /// (an app's default minimum is Information). The request's <c>TraceId</c>, <c>SpanId</c> and <c>ParentId</c>, which
    /// logging adds to every entry's scope by default, are left out: they differ in every run.
    /// </summary>
    public static ILoggingBuilder AddCapture(this ILoggingBuilder logging, LogCapture capture)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(capture);
        logging.AddProvider(capture);
        logging.AddFilter<LogCapture>(null, capture.MinimumLevel);
        logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.None);
        return logging;
    }
}
