using System.CommandLine;
using Course.Cli;
using Course.Cli.Commands;
using Spectre.Console;

var console = AnsiConsole.Console;
var root = new RootCommand("The course's command: runs the C# notebooks of the course in a terminal.")
{
    RunCommand.Create(console),
    ListCommand.Create(console),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // One clear line per problem instead of a page of help.
    foreach (var error in parse.Errors)
    {
        ExitCodes.Report(console, error.Message);
    }
    console.MarkupLine("[grey]Run 'course --help' for usage.[/]");
    return ExitCodes.UsageError;
}
return await parse.InvokeAsync();
