using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Infrastructure;

/// <summary>Writes small notebooks for tests: markdown cells are strings starting with "# ", everything else is code.</summary>
internal static class TestNotebooks
{
    public static string Write(string path, params string[] cells)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var notebook = Notebook.Create(cells.Select((source, i) => source.StartsWith("# ", StringComparison.Ordinal)
            ? NotebookCell.Markdown(source, id: $"cell-{i}")
            : NotebookCell.Code(source, id: $"cell-{i}")));
        notebook.Save(path);
        return path;
    }

    /// <summary>A code cell whose metadata sets its own time limit.</summary>
    public static NotebookCell CodeWithTimeLimit(string source, JsonNode limit, string id) =>
        NotebookCell.Code(source, metadata: new JsonObject { ["course"] = new JsonObject { ["timeoutSeconds"] = limit } }, id: id);
}
