using Course.Cli.Terminal;
using Spectre.Console;

namespace Course.Cli;

/// <summary>The command's exit codes and its one-line error messages.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>
    /// A notebook failed: a cell did not compile, threw, ran past its limit or ended the process; or (check) an
    /// exercise is not correct; or (verify) a notebook's exercises did not verify both ways.
    /// </summary>
    public const int Failure = 1;

    /// <summary>
    /// The command line was wrong (an unknown notebook or exercise id), a notebook is missing or unreadable (not a
    /// valid notebook), or the course library a notebook needs is not built.
    /// </summary>
    public const int UsageError = 2;

    /// <summary>Ctrl+C: the running cell was interrupted (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Writes "course: message" on stderr, in red on a terminal.</summary>
    public static void Report(string message) =>
        Terminals.Error.MarkupLine($"[red]course: {Markup.Escape(message)}[/]");

    public static int Usage(string message)
    {
        Report(message);
        return UsageError;
    }

    /// <summary>Reports each message on its own line; returns <see cref="UsageError"/>.</summary>
    public static int Usage(IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Report(message);
        }
        return UsageError;
    }
}
