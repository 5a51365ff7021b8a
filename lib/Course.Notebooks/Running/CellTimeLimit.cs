using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Running;

/// <summary>
/// A heavy cell may ask for a longer time limit in its metadata:
/// <c>"metadata": { "course": { "timeoutSeconds": 300 } }</c>. Jupyter and Polyglot keep unknown
/// metadata, so the setting survives editing in any front end.
/// </summary>
public static class CellTimeLimit
{
    /// <summary>The metadata key that holds the course's per-cell settings.</summary>
    public const string MetadataKey = "course";

    /// <summary>The property, under <see cref="MetadataKey"/>, that holds the limit in seconds.</summary>
    public const string TimeoutProperty = "timeoutSeconds";

    /// <summary>The cell's own limit, or <paramref name="defaultLimit"/>; throws a clear error for a malformed value.</summary>
    public static TimeSpan Of(NotebookCell cell, TimeSpan defaultLimit, string? notebookPath = null)
    {
        if (cell.Metadata[MetadataKey] is not JsonObject settings || settings[TimeoutProperty] is not { } value)
        {
            return defaultLimit;
        }
        if (value is JsonValue number && number.TryGetValue<double>(out var seconds) && seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        throw new NotebookFormatException(notebookPath, $"cell metadata \"{MetadataKey}.{TimeoutProperty}\" must be a positive number of seconds, not {value.ToJsonString()}");
    }
}
