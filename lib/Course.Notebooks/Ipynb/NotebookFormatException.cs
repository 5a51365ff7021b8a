namespace Course.Notebooks.Ipynb;

/// <summary>
/// A file or text that is not a readable nbformat 4 notebook. <see cref="Exception.Message"/> is one line
/// that starts with the notebook's path (or <c>notebook</c> when there is none), e.g.
/// <c>notebooks/x.ipynb: invalid JSON at line 3, position 7: '}' is invalid after a property name. Expected a ':'.</c>
/// or <c>notebooks/x.ipynb: not an nbformat 4 notebook (nbformat is 3)</c>.
/// </summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>A format error in the notebook at <paramref name="path"/>; <paramref name="problem"/> is one line.</summary>
    public NotebookFormatException(string? path, string problem)
        : base(Compose(path, problem))
    {
        NotebookPath = path;
    }

    /// <summary>A format error caused by another exception (e.g. a <see cref="System.Text.Json.JsonException"/>).</summary>
    public NotebookFormatException(string? path, string problem, Exception innerException)
        : base(Compose(path, problem), innerException)
    {
        NotebookPath = path;
    }

    /// <summary>The path the notebook was read from, or null when it was parsed from text without one.</summary>
    public string? NotebookPath { get; }

    private static string Compose(string? path, string problem) =>
        $"{path ?? "notebook"}: {OneLine(problem)}";

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
