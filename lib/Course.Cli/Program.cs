using System.CommandLine;
using Course.Cli;
using Course.Cli.Commands;
using Course.Cli.Terminal;
using Spectre.Console;

var console = Terminals.Out;
var root = new RootCommand("The course's command: runs the C# notebooks of the course in a terminal and checks your exercises.")
{
    RunCommand.Create(console),
    CheckCommand.Create(console),
    HintCommand.Create(console),
    SolutionCommand.Create(console),
    ListCommand.Create(console),
    ClearCommand.Create(console),
    VerifyCommand.Create(console),
    KernelCommand.Create(),
};

var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
if (parse.Errors.Count > 0)
{
    // One clear line per problem instead of a page of help.
    foreach (var error in parse.Errors)
    {
        ExitCodes.Report(error.Message);
    }
    Terminals.Error.MarkupLine("[grey]Run 'course --help' for usage.[/]");
    return ExitCodes.UsageError;
}
// Ctrl+C interrupts the running cell. A cell stuck where it cannot observe that (Thread.Sleep, say) gets a few
// seconds' grace before its process is ended (see Watchdog), and then 'run --write-outputs' saves the cells that
// finished: the command must outlive both, not System.CommandLine's default of 2 s after the signal.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
