using System.CommandLine;
using Course.Cli.Exercises;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary><c>course solution &lt;exercise-id&gt;</c>: the exercise's reference solution, the whole source of its starter cell.</summary>
internal static class SolutionCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var id = new Argument<string>("exercise-id") { Description = "The exercise's id, e.g. 01.2." };
        var command = new Command("solution", "Show a reference solution for an exercise: the whole source of its exercise cell.") { id };
        command.SetAction(parse =>
        {
            if (!CatalogLookup.TryFind(parse.GetValue(id)!, out var exercise, out var error))
            {
                return ExitCodes.Usage(error);
            }
            console.MarkupLine($"[bold]Solution for {Markup.Escape(exercise.ToString())}[/] [grey](replace the whole cell tagged {Markup.Escape(exercise.Tag)} with it, run it, then 'course check {Markup.Escape(exercise.Id)}'):[/]");
            console.Profile.Out.Writer.WriteLine(); // the code exactly as written, never re-wrapped
            console.Profile.Out.Writer.WriteLine(exercise.SolutionSource);
            return ExitCodes.Success;
        });
        return command;
    }
}
