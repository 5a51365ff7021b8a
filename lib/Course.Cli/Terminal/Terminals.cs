using Spectre.Console;

namespace Course.Cli.Terminal;

/// <summary>
/// The command's two consoles: results on stdout, problems on stderr. Colour only on a terminal;
/// when redirected the text is plain and never wrapped, so each message stays one line.
/// </summary>
internal static class Terminals
{
    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = 4096;
        }
        return console;
    }
}
