using Microsoft.Extensions.Logging;

namespace Course.Middleware;

/// <summary>
/// A logging provider that records each log line with the values of the logging scopes around it, as a structured sink
/// (the console's JSON formatter, OpenTelemetry) would store them. It keeps the lines of the categories it is given and shows
/// only the scope values it is asked for, so a notebook's output stays short and the same in every run.
/// </summary>
/// <example>
/// <code>
/// var recorder = new ScopeRecorder(["Orders", "Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"], ["CorrelationId"]);
/// builder.Logging.AddProvider(recorder);
/// // after a request: "Information request started  {CorrelationId=req-1}"
/// </code>
/// </example>
public sealed class ScopeRecorder(IReadOnlyList<string> categories, IReadOnlyList<string> scopeKeys) : ILoggerProvider, ISupportExternalScope
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>
    /// The recorded lines, in order: level, message and the chosen scope values. A line from a <c>Microsoft.*</c> category
    /// starts with the category's last segment in brackets, such as <c>[ExceptionHandlerMiddleware]</c>.
    /// </summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Record(string category, LogLevel level, string message)
    {
        if (!categories.Any(c => category.StartsWith(c, StringComparison.Ordinal)))
        {
            return;
        }
        var values = new List<string>();
        _scopes.ForEachScope((scope, list) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                list.AddRange(pairs.Where(p => scopeKeys.Contains(p.Key)).Select(p => $"{p.Key}={p.Value}"));
            }
        }, values);
        var source = category.StartsWith("Microsoft.", StringComparison.Ordinal) ? $"[{category[(category.LastIndexOf('.') + 1)..]}] " : "";
        lock (_gate)
        {
            _lines.Add($"{level,-11} {source + message,-26} {{{string.Join(", ", values)}}}");
        }
    }

    private sealed class Logger(ScopeRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Record(category, logLevel, formatter(state, exception));
    }
}
