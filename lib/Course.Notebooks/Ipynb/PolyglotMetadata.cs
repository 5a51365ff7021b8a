using System.Text.Json.Nodes;

namespace Course.Notebooks.Ipynb;

/// <summary>The metadata VS Code's Polyglot Notebooks extension writes for a C# notebook and its code cells (and VS Code's cell language).</summary>
internal static class PolyglotMetadata
{
    /// <summary>The kernel name of C# cells.</summary>
    public const string CSharpKernel = "csharp";

    /// <summary>
    /// The notebook's metadata: <c>kernelspec</c> of .NET Interactive's C# kernel, <c>language_info</c> as VS Code writes
    /// it (<c>{"name": "polyglot-notebook"}</c>) and <c>polyglot_notebook.kernelInfo</c> with C# as the default kernel.
    /// </summary>
    public static JsonObject Notebook() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject
        {
            ["name"] = "polyglot-notebook",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = CSharpKernel,
                ["items"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["aliases"] = new JsonArray(),
                        ["name"] = CSharpKernel,
                    },
                },
            },
        },
    };

    /// <summary>
    /// A C# code cell's metadata: <c>dotnet_interactive.language</c> and <c>polyglot_notebook.kernelName</c>, and VS Code's
    /// <c>vscode.languageId</c>, which its ipynb reader takes over the notebook's <c>language_info.name</c>
    /// ("polyglot-notebook", a language VS Code knows only with the Polyglot extension): the cell opens as C#.
    /// </summary>
    public static JsonObject CodeCell() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = CSharpKernel },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = CSharpKernel },
        ["vscode"] = new JsonObject { ["languageId"] = "csharp" },
    };
}
