using System.Text.Json.Nodes;
using Course.Kernel.Protocol;

namespace Course.Kernel;

/// <summary>What <c>kernel_info_reply</c> says about this kernel and its language.</summary>
internal static class KernelInfo
{
    public static JsonObject Reply() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "course",
        ["implementation_version"] = typeof(KernelInfo).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
        ["language_info"] = new JsonObject
        {
            ["name"] = "C#",
            ["version"] = "14.0",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            // The MIME type, not "csharp": classic Notebook's CodeMirror 5 knows C# only by it (its clike mode), and
            // JupyterLab resolves either. VS Code takes the language from "name" ("C#" → csharp).
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"The course's C# kernel: C# 14 on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, the same engine as `course run`.",
        ["help_links"] = new JsonArray
        {
            new JsonObject { ["text"] = "C# documentation", ["url"] = "https://learn.microsoft.com/dotnet/csharp/" },
            new JsonObject { ["text"] = "ASP.NET Core documentation", ["url"] = "https://learn.microsoft.com/aspnet/core/" },
        },
    };
}
