using System.Text.Json;
using Course.Display;
using Course.Exercises;
using Course.Notebooks.Sessions;
using Microsoft.Extensions.Logging;

namespace Course.Cli.Exercises;

/// <summary>
/// Records the exercise checks run in the Jupyter kernel (VS Code, JupyterLab) in the learner's progress, as
/// <c>course check</c> does, so that <c>course list</c> is right whichever front end ran the check.
/// </summary>
internal sealed class KernelProgress(ProgressStore store, ILogger logger)
{
    /// <summary>Sees one output of a cell; a check result is recorded, anything else is ignored.</summary>
    public void Observe(CellOutput output)
    {
        var data = output switch
        {
            DisplayOutput display => display.Data,
            ResultOutput result => result.Data,
            _ => null,
        };
        if (data is null || !data.TryGetValue(MimeTypes.CheckResult, out var json))
        {
            return;
        }
        try
        {
            if (store.Record([ExerciseReport.From(CheckResult.FromJson(json))]) is { } notice)
            {
                logger.LogWarning("{Notice}", notice);
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("The check's result was not saved to {Path}: {Message}", store.Path, e.Message);
        }
    }
}
