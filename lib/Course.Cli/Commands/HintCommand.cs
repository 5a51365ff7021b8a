using System.CommandLine;
using Course.Cli.Exercises;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary><c>course hint &lt;exercise-id&gt;</c>: the exercise's hint, from the exercise catalog.</summary>
internal static class HintCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var id = new Argument<string>("exercise-id") { Description = "The exercise's id, e.g. 01.2." };
        var command = new Command("hint", "Show the hint for an exercise.") { id };
        command.SetAction(parse =>
        {
            if (!CatalogLookup.TryFind(parse.GetValue(id)!, out var exercise, out var error))
            {
                return ExitCodes.Usage(error);
            }
            console.MarkupLine($"[bold]Hint for {Markup.Escape(exercise.ToString())}:[/]");
            console.Profile.Out.Writer.WriteLine(exercise.HintText);
            return ExitCodes.Success;
        });
        return command;
    }
}
