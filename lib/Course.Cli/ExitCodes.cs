using Spectre.Console;

namespace Course.Cli;

/// <summary>The command's exit codes and its one-line error messages.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A notebook failed: a cell did not compile, threw, ran past its limit or ended the process.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong, or a file is missing or unreadable.</summary>
    public const int UsageError = 2;

    public static void Report(IAnsiConsole console, string message) =>
        console.MarkupLine($"[red]course: {Markup.Escape(message)}[/]");

    public static int Usage(IAnsiConsole console, string message)
    {
        Report(console, message);
        return UsageError;
    }
}
