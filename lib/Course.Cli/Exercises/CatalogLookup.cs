using System.Diagnostics.CodeAnalysis;
using Course.Exercises;

namespace Course.Cli.Exercises;

/// <summary>Finds the exercise a learner names on the command line (<c>01.2</c>, or <c>1.2</c>) in the <see cref="ExerciseCatalog"/>.</summary>
internal static class CatalogLookup
{
    public static bool TryFind(string typed, [NotNullWhen(true)] out Exercise? exercise, out string error)
    {
        var id = ExerciseTag.NormalizeId(typed);
        if (id is not null && ExerciseCatalog.Find(id) is { } found)
        {
            exercise = found;
            error = "";
            return true;
        }
        exercise = null;
        error = $"no exercise '{typed}'; the exercises are {string.Join(", ", ExerciseCatalog.All.Select(e => e.Id))}";
        return false;
    }
}
