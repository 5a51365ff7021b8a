using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Course.Cli.Terminal;

/// <summary>Shows the engine's warnings (for example console text written after a cell ended) in the terminal, dimmed.</summary>
internal sealed class TerminalLogger(IAnsiConsole console) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            console.MarkupLine($"[grey]engine: {Markup.Escape(formatter(state, exception))}[/]");
        }
    }
}
